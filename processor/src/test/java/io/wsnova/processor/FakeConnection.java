package io.wsnova.processor;

import io.wsnova.runtime.Connection;
import io.wsnova.runtime.ConnectionInfo;
import io.wsnova.runtime.ConnectionStatus;
import io.wsnova.runtime.DisconnectReason;
import io.wsnova.runtime.Frame;
import io.wsnova.runtime.SendOptions;
import io.wsnova.runtime.Subscriptions;
import io.wsnova.runtime.TimerScope;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/** A connection that is never open: adapters under test only pass it on to the user's methods. */
final class FakeConnection implements Connection {
  private static <T> CompletableFuture<T> refuse() {
    return CompletableFuture.failedFuture(new IllegalStateException("not connected"));
  }

  @Override public CompletableFuture<Void> sendText(String text) { return refuse(); }
  @Override public CompletableFuture<Void> sendBinary(byte[] payload) { return refuse(); }
  @Override public CompletableFuture<Void> sendBinary(ByteBuffer payload) { return refuse(); }
  @Override public CompletableFuture<Void> sendJson(Object message) { return refuse(); }
  @Override public CompletableFuture<Void> send(Frame frame) { return refuse(); }
  @Override public <T> CompletableFuture<T> request(Object r, java.lang.reflect.Type t, java.time.Duration d) { return refuse(); }
  @Override public String id() { return "ws-test"; }
  @Override public String name() { return "test"; }
  @Override public long outboundBufferedBytes() { return 0; }
  @Override public CompletableFuture<Void> whenWritable() { return refuse(); }
  @Override public CompletableFuture<Void> send(Frame f, SendOptions o) { return refuse(); }
  @Override public CompletableFuture<Void> ready() { return refuse(); }
  @Override public Subscriptions subscriptions() { throw new UnsupportedOperationException("a fake"); }
  @Override public java.util.concurrent.Executor executor() { return Runnable::run; }
  @Override public java.util.concurrent.ScheduledFuture<?> schedule(Runnable t, java.time.Duration d, TimerScope s) {
    throw new UnsupportedOperationException("a fake");
  }
  @Override public java.util.concurrent.ScheduledFuture<?> scheduleAtFixedRate(Runnable t, java.time.Duration i,
      java.time.Duration p, TimerScope s) {
    throw new UnsupportedOperationException("a fake");
  }
  @Override public CompletableFuture<Void> drop(int code, String reason) { return refuse(); }
  @Override public CompletableFuture<Void> ping() { return refuse(); }
  @Override public CompletableFuture<DisconnectReason> close(int code, String reason) { return refuse(); }
  @Override public CompletableFuture<ConnectionStatus> status() { return refuse(); }
  @Override public CompletableFuture<DisconnectReason> closeFuture() { return new CompletableFuture<>(); }
  @Override public boolean isOpen() { return false; }
  @Override public int connectCount() { return 0; }
  @Override public String subprotocol() { return null; }
  @Override public ConnectionInfo info() { return null; }
}
