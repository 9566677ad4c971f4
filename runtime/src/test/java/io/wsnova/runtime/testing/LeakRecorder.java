package io.wsnova.runtime.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Records every leak Netty's detector reports (tests run it at paranoid level), so that
 * {@link #assertNoLeaks()} can fail a test instead of a log line going unnoticed. Installed as a JUnit
 * session listener: before any test loads a Netty buffer class, whose detector is created once.
 */
public final class LeakRecorder implements LauncherSessionListener {
  private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    install();
  }

  static synchronized void install() {
    ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
      @Override
      @SuppressWarnings("deprecation")
      public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
        return new ResourceLeakDetector<T>(resource, samplingInterval, maxActive) {
          @Override
          protected void reportTracedLeak(String resourceType, String records) {
            LEAKS.add(resourceType + " leaked:" + records);
            super.reportTracedLeak(resourceType, records);
          }

          @Override
          protected void reportUntracedLeak(String resourceType) {
            LEAKS.add(resourceType + " leaked");
            super.reportUntracedLeak(resourceType);
          }
        };
      }
    });
  }

  /** Collects garbage, makes the detector look at what was collected, and fails on any leak seen so far. */
  public static void assertNoLeaks() {
    for (int i = 0; i < 5; i++) {
      System.gc();
      System.runFinalization();
      // The detector checks for collected, unreleased buffers when new ones are tracked.
      for (int j = 0; j < 200; j++) {
        ByteBuf b = ByteBufAllocator.DEFAULT.buffer(16);
        b.release();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (!LEAKS.isEmpty()) {
      throw new AssertionError("Netty reported " + LEAKS.size() + " buffer leak(s):\n" + String.join("\n", LEAKS));
    }
  }
}
