package io.wsnova.examples;

import io.wsnova.annotations.OnConnect;
import io.wsnova.annotations.OnFrame;
import java.util.concurrent.CompletableFuture;

/** The smallest useful handler: says hello when connected, and prints what comes back. */
// README:start echo
public class Echo {
  final CompletableFuture<String> reply = new CompletableFuture<>();

  @OnConnect
  String hello() {
    return "Hello, WebSocket"; // a String from @OnConnect is sent as a text frame
  }

  @OnFrame
  void received(String text) {
    System.out.println("echo: " + text);
    reply.complete(text);
  }
}
// README:end echo
