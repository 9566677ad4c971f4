package io.wsnova.runtime.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that misbehaves on purpose, byte by byte, on plain blocking sockets: a {@link Script} gets each
 * accepted socket and the client's upgrade request, and does what it likes. Loopback only; every
 * connection thread ends when the server closes.
 */
public final class HostileServer implements AutoCloseable {
  /** What the server does with one accepted connection. */
  @FunctionalInterface
  public interface Script {
    void run(Socket socket, String request) throws Exception;
  }

  private final ServerSocket server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "hostile-server");
    t.setDaemon(true);
    return t;
  });
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  /** Connections accepted so far. */
  public final AtomicInteger accepted = new AtomicInteger();

  private HostileServer(Script script, boolean readRequest) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          sockets.add(s);
          accepted.incrementAndGet();
          threads.execute(() -> {
            try (s) {
              script.run(s, readRequest ? readRequest(s.getInputStream()) : "");
            } catch (Exception e) {
              // the client went away, or the test closed the server: the script is done either way
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  /** Starts a server that reads each upgrade request, then runs {@code script}. */
  public static HostileServer start(Script script) throws IOException {
    return new HostileServer(script, true);
  }

  /** Starts a server that runs {@code script} on the raw socket, reading nothing first (e.g. for TLS). */
  public static HostileServer startRaw(Script script) throws IOException {
    return new HostileServer(script, false);
  }

  public URI uri(String path) {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + path);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The request's head, up to the blank line. */
  static String readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed during the request");
      }
      head.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** The Sec-WebSocket-Accept value for the request's key (RFC 6455 section 4.2.2). */
  public static String accept(String request) {
    String key = request.lines()
        .filter(l -> l.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18))
        .map(l -> l.substring(18).trim())
        .findFirst().orElseThrow();
    try {
      byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(
          (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1));
      return Base64.getEncoder().encodeToString(sha1);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A correct 101 for {@code request}, with {@code extraHeaders} (each ending in CRLF) added. */
  public static byte[] switching(String request, String extraHeaders) {
    return ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + accept(request) + "\r\n" + extraHeaders + "\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
  }

  /** An unmasked server frame. */
  public static byte[] frame(int opcode, boolean fin, byte[] payload) {
    return frame(opcode, fin, 0, payload);
  }

  /** An unmasked server frame with reserved bits {@code rsv} (4 is RSV1, permessage-deflate's). */
  public static byte[] frame(int opcode, boolean fin, int rsv, byte[] payload) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | (rsv << 4) | opcode);
    if (payload.length < 126) {
      out.write(payload.length);
    } else if (payload.length <= 0xffff) {
      out.write(126);
      out.write(payload.length >> 8);
      out.write(payload.length & 0xff);
    } else {
      out.write(127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    out.writeBytes(payload);
    return out.toByteArray();
  }

  /** Writes everything, then flushes. */
  public static void send(Socket s, byte[]... chunks) throws IOException {
    OutputStream out = s.getOutputStream();
    for (byte[] c : chunks) {
      out.write(c);
    }
    out.flush();
  }

  /** One frame the client sent, unmasked. */
  @SuppressWarnings("ArrayRecordComponent") // tests compare payloads with Arrays.equals, never the records
  public record ClientFrame(int opcode, byte[] payload, int rsv) {
    public ClientFrame(int opcode, byte[] payload) {
      this(opcode, payload, 0);
    }

    /** The status code of a close frame, or -1. */
    public int closeCode() {
      return opcode == 8 && payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1;
    }
  }

  /** Reads the client's next frame (clients mask every frame). */
  public static ClientFrame readFrame(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    int b0 = in.read();
    int b1 = in.read();
    if (b0 < 0 || b1 < 0) {
      throw new IOException("closed");
    }
    long length = b1 & 0x7f;
    if (length == 126) {
      length = ((long) in.read() << 8) | in.read();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | in.read();
      }
    }
    byte[] mask = in.readNBytes(4);
    byte[] payload = in.readNBytes((int) length);
    for (int i = 0; i < payload.length; i++) {
      payload[i] ^= mask[i % 4];
    }
    return new ClientFrame(b0 & 0x0f, payload, (b0 >> 4) & 0x07);
  }

  /** Reads and discards until the client closes or the timeout passes. */
  public static void drain(Socket s, long millis) throws IOException {
    s.setSoTimeout((int) millis);
    byte[] buf = new byte[8192];
    try {
      while (s.getInputStream().read(buf) >= 0) {
        // discard
      }
    } catch (java.net.SocketTimeoutException e) {
      // done waiting
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
