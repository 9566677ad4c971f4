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

  static Transports pick(boolean preferNative) {
    if (preferNative && isEpollAvailable()) {
      return new Transports(EpollIoHandler.newFactory(), EpollSocketChannel.class, "epoll");
    }
    return new Transports(NioIoHandler.newFactory(), NioSocketChannel.class, "nio");
  }

  private static boolean isEpollAvailable() {
    try {
      return Epoll.isAvailable();
    } catch (LinkageError e) {
      return false;
    }
  }
}
