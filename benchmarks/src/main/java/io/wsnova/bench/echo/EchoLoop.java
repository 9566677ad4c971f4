package io.wsnova.bench.echo;

import java.util.Arrays;

/**
 * The work of one echo run, shared by every client: keeps a window of messages in flight, records each
 * round trip (echoes come back in order on one connection), and says when to send the next message.
 */
public final class EchoLoop {
  private final long[] sentAt = new long[4096];
  private int head;
  private int tail;
  private long[] samples = new long[1 << 20];
  private int sampleCount;
  private volatile boolean measuring;
  private volatile boolean running = true;
  private long received;

  /** Records a send; call just before sending. */
  public synchronized void sent() {
    sentAt[tail++ & (sentAt.length - 1)] = System.nanoTime();
  }

  /** Records an echo; returns whether to send another message. */
  public boolean received() {
    long now = System.nanoTime();
    synchronized (this) {
      long rtt = now - sentAt[head++ & (sentAt.length - 1)];
      if (measuring) {
        received++;
        if (sampleCount == samples.length) {
          samples = Arrays.copyOf(samples, samples.length * 2);
        }
        samples[sampleCount++] = rtt;
      }
      if (running) {
        sentAt[tail++ & (sentAt.length - 1)] = System.nanoTime();
        return true;
      }
      return false;
    }
  }

  public void startMeasuring() {
    measuring = true;
  }

  /** Stops sending more; returns the messages received while measuring. */
  public synchronized long stop() {
    measuring = false;
    running = false;
    return received;
  }

  /** The {@code q} quantile (0..1) of the measured round trips, in microseconds. */
  public synchronized double quantileMicros(double q) {
    if (sampleCount == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    return sorted[Math.min(sampleCount - 1, (int) (q * sampleCount))] / 1000.0;
  }
}
