package io.wsnova.runtime.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.util.ReferenceCountUtil;

/**
 * Looks at the upgrade response's head as soon as it arrives, before the aggregator waits for a body,
 * and fails the attempt at once where RFC 6455 section 4.1 says to:
 * <ul>
 *   <li>a 101 without {@code Sec-WebSocket-Accept} (Netty's HTTP decoder would take it for a Hixie-76
 *       response and wait for its body until the connect timeout);</li>
 *   <li>a 101 that names an extension the client did not offer (it offers none).</li>
 * </ul>
 * Then it steps out of the pipeline.
 */
final class UpgradeResponseCheck extends ChannelInboundHandlerAdapter {
  private final ManagedConnection connection;
  private final Attempt attempt;

  UpgradeResponseCheck(ManagedConnection connection, Attempt attempt) {
    this.connection = connection;
    this.attempt = attempt;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpResponse response)) {
      ctx.fireChannelRead(msg);
      return;
    }
    String problem = problem(response);
    if (problem != null) {
      ReferenceCountUtil.release(msg);
      connection.attemptFailed(attempt, new WebSocketClientHandshakeException(problem, response));
      ctx.close();
      return;
    }
    ctx.pipeline().remove(this);
    ctx.fireChannelRead(msg);
  }

  private static String problem(HttpResponse response) {
    if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
      return null; // the upgrade handler reports the status
    }
    if (!response.headers().contains(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT)) {
      return "the server switched protocols without Sec-WebSocket-Accept (RFC 6455 section 4.1)";
    }
    String extensions = response.headers().get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS);
    if (extensions != null && !extensions.isBlank()) {
      return "the server accepted the extension '" + extensions + "', which the client did not offer"
          + " (RFC 6455 section 4.1)";
    }
    return null;
  }
}
