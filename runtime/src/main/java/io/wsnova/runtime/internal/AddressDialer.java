package io.wsnova.runtime.internal;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Connects an attempt's TCP to its resolved addresses in turn until one answers. Each address gets an equal
 * share of the time the attempt has left, so an address that swallows SYNs leaves time for the rest; the
 * last one gets a little more than what is left, so that the attempt's own timer is the one that reports.
 *
 * <p>The share is kept by a timer of our own rather than Netty's {@code CONNECT_TIMEOUT_MILLIS}: a Netty
 * channel keeps its connect timer's task for as long as it lives, which every idle connection of a fleet
 * would pay for. This one is dropped as soon as the address answers. Confined to the connection's loop.
 */
final class AddressDialer implements ChannelFutureListener, Runnable {
  private static final Duration MIN_ADDRESS_TIME = Duration.ofMillis(250);

  private final ManagedConnection connection;
  private final ChannelOpener opener;
  private final EventLoop loop;
  private final Attempt attempt;
  private final List<InetAddress> addresses;
  private int index;
  /** What the addresses tried before said, added to the last failure. */
  private Throwable earlier;
  private ChannelFuture connecting;
  private ScheduledFuture<?> timer;
  private InetSocketAddress target;
  private long shareMillis;
  private boolean timedOut;

  AddressDialer(ManagedConnection connection, ChannelOpener opener, EventLoop loop, Attempt attempt,
      List<InetAddress> addresses) {
    this.connection = connection;
    this.opener = opener;
    this.loop = loop;
    this.attempt = attempt;
    this.addresses = addresses;
  }

  /** Connects to the first address. */
  void start() {
    dial();
  }

  private void dial() {
    Attempt a = attempt;
    InetSocketAddress address = new InetSocketAddress(addresses.get(index), a.proxy != null ? a.proxy.port() : a.info.port());
    long left = a.nanosLeft();
    boolean last = index + 1 == addresses.size();
    long share = last ? left + TimeUnit.SECONDS.toNanos(1)
        : Math.max(MIN_ADDRESS_TIME.toNanos(), left / (addresses.size() - index));
    ChannelFuture f;
    try {
      f = opener.open(connection, a, address);
    } catch (Exception e) {
      connection.connectFailed(a, e);
      return;
    }
    a.channel = f.channel();
    connecting = f;
    target = address;
    timedOut = false;
    shareMillis = TimeUnit.NANOSECONDS.toMillis(share);
    timer = loop.schedule(this, share, TimeUnit.NANOSECONDS);
    f.addListener(this);
  }

  /** The address's share of the time ran out before TCP connected. */
  @Override
  public void run() {
    if (!connecting.isDone()) {
      timedOut = true;
      connecting.channel().close(); // fails the connect, which reaches operationComplete
    }
  }

  /** TCP connected, or failed. */
  @Override
  public void operationComplete(ChannelFuture cf) {
    timer.cancel(false);
    timer = null;
    if (cf.isSuccess() || !connection.isConnecting(attempt)) {
      return;
    }
    Throwable cause = timedOut
        ? new ConnectTimeoutException("connection timed out after " + shareMillis + " ms: " + target)
        : cf.cause();
    if (earlier != null) {
      cause.addSuppressed(earlier);
    }
    if (index + 1 < addresses.size()) {
      index++;
      earlier = cause;
      dial();
    } else {
      connection.connectFailed(attempt, cause);
    }
  }
}
