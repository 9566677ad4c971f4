package io.wsnova.bench.clients;

import io.wsnova.bench.echo.EchoLoop;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * No library and no event loop: a thread that blocks in {@code read} on a plain socket and answers from
 * there, doing per message only what every client here does (decode the text strictly, encode the answer,
 * mask it with a fresh key) and sending each frame with one {@code write}. Nobody should ship this (a thread
 * per connection, no heartbeat, no close handshake, no fragments, no limits); it is the floor the tables
 * measure the libraries against. With one message in flight a round trip costs it two system calls, a write
 * and a read that sleeps until the echo is there, where an event-loop client makes three (the write, the
 * wait for readiness, the read): what it spends is about what the kernel charges any client for a round
 * trip on this machine.
 */
public final class BlockingSocketEcho implements EchoClient {
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** What the tables call it. */
  public static final String NAME = "blocking socket (floor)";

  private final StrictUtf8 utf8 = new StrictUtf8();
  private Socket socket;
  private DataInputStream in;
  private OutputStream out;
  private Thread reader;
  /** The last text received, kept so that decoding it cannot be optimized away. */
  volatile String text;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void connect(URI uri, String payload, EchoLoop loop) throws Exception {
    socket = new Socket(uri.getHost(), uri.getPort());
    socket.setTcpNoDelay(true);
    in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
    out = socket.getOutputStream();
    out.write(("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String status = readLine();
    while (!readLine().isEmpty()) {
      // skips the headers: this floor trusts the benchmark's own server to have accepted the key
    }
    if (!status.startsWith("HTTP/1.1 101")) {
      throw new IOException("the server refused the upgrade: " + status);
    }
    reader = new Thread(() -> answer(payload, loop), "blocking-socket-echo");
    reader.setDaemon(true);
    reader.start();
  }

  private String readLine() throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("the server closed during the upgrade");
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** Reads echoes until the socket closes, answering each while the loop wants more. */
  private void answer(String payload, EchoLoop loop) {
    byte[] frame = new byte[1 << 16];
    try {
      while (true) {
        int first = in.readUnsignedByte();
        int length = in.readUnsignedByte() & 0x7F; // the server's frames are not masked
        long size = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        if (first != 0x81 || size > Integer.MAX_VALUE) {
          throw new IllegalStateException("not a whole text frame from the echo server: " + first + ", " + size);
        }
        if (size > frame.length) {
          frame = new byte[(int) size];
        }
        in.readFully(frame, 0, (int) size);
        text = utf8.decode(frame, (int) size);
        if (loop.received()) {
          send(payload);
        }
      }
    } catch (IOException e) {
      // closed by close(), or by the server: the run is over either way
    }
  }

  @Override
  public synchronized void send(String payload) throws IOException {
    byte[] data = payload.getBytes(StandardCharsets.UTF_8); // encoded per send, as every client here does
    int n = data.length;
    int header = n < 126 ? 2 : n < 65536 ? 4 : 10;
    byte[] frame = new byte[header + 4 + n];
    frame[0] = (byte) 0x81;
    if (n < 126) {
      frame[1] = (byte) (0x80 | n);
    } else if (n < 65536) {
      frame[1] = (byte) (0x80 | 126);
      frame[2] = (byte) (n >>> 8);
      frame[3] = (byte) n;
    } else {
      frame[1] = (byte) (0x80 | 127);
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
      }
    }
    int key = ThreadLocalRandom.current().nextInt();
    long mask = (key & 0xFFFFFFFFL) << 32 | (key & 0xFFFFFFFFL);
    int start = header + 4;
    frame[header] = (byte) (key >>> 24);
    frame[header + 1] = (byte) (key >>> 16);
    frame[header + 2] = (byte) (key >>> 8);
    frame[header + 3] = (byte) key;
    int i = 0;
    for (; i + 8 <= n; i += 8) { // eight bytes at a time, as every masking client here does
      LONGS.set(frame, start + i, (long) LONGS.get(data, i) ^ mask);
    }
    for (; i < n; i++) {
      frame[start + i] = (byte) (data[i] ^ (key >>> (24 - 8 * (i & 3))));
    }
    out.write(frame);
  }

  @Override
  public void close() throws Exception {
    socket.close();
    reader.join(1000);
  }
}
