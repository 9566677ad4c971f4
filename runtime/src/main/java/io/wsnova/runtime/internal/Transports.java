package io.wsnova.runtime.internal;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** The native transport where Netty has one for this machine (epoll on Linux), NIO elsewhere. */
record Transports(IoHandlerFactory ioHandlerFactory, Class<? extends SocketChannel> channelType, String name) {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Transports.class);

  static Transports pick(boolean preferNative) {
    if (preferNative && isEpollAvailable()) {
      return new Transports(EpollIoHandler.newFactory(), EpollSocketChannel.class, "epoll");
    }
    return new Transports(NioIoHandler.newFactory(), NioSocketChannel.class, "nio");
  }

  private static boolean isEpollAvailable() {
    try {
      if (Epoll.isAvailable()) {
        return true;
      }
      LOG.debug("epoll is not available here ({}); using NIO", Epoll.unavailabilityCause().toString());
      return false;
    } catch (LinkageError e) {
      LOG.debug("epoll classes cannot be loaded ({}); using NIO", e.toString());
      return false;
    }
  }
}
