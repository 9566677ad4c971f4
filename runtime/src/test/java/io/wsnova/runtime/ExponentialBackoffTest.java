package io.wsnova.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {
  private final ExponentialBackoff backoff = ExponentialBackoff.builder()
      .base(Duration.ofMillis(100)).cap(Duration.ofSeconds(2)).maxAttempts(6).build();

  private static ErrorEvent failed(int attempt, Throwable cause) {
    return new ErrorEvent(ErrorEvent.Kind.CONNECT_FAILED, attempt, false, null, cause);
  }

  @Test
  void doublesUpToTheCapWithJitterBetween80And100Percent() {
    long[] expected = {100, 100, 200, 400, 800, 1600};
    for (int attempt = 0; attempt < expected.length; attempt++) {
      for (int i = 0; i < 200; i++) {
        Result r = backoff.onError(failed(attempt, new ConnectException()));
        Duration d = ((Result.Reconnect) r).delay();
        assertThat(d.toMillis()).as("attempt %d", attempt)
            .isBetween((long) (expected[attempt] * 0.8) - 1, expected[attempt]);
      }
    }
    assertThat(backoff.delay(30).toMillis()).isBetween(1600L, 2000L);
  }

  @Test
  void givesUpAfterMaxAttempts() {
    assertThat(backoff.onError(failed(5, new ConnectException()))).isInstanceOf(Result.Reconnect.class);
    assertThat(backoff.onError(failed(6, new ConnectException()))).isInstanceOf(Result.Stop.class);
  }

  @Test
  void doesNotRetryWhatRetryingCannotFix() {
    assertThat(backoff.onError(failed(1, new UpgradeRejectedException(401, "Unauthorized")))).isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(failed(1, new UpgradeRejectedException(403, "Forbidden")))).isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(failed(1, new UpgradeRejectedException(404, "Not Found")))).isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(failed(1, new UpgradeRejectedException(503, "Unavailable"))))
        .isInstanceOf(Result.Reconnect.class);
    javax.net.ssl.SSLHandshakeException badCertificate = new javax.net.ssl.SSLHandshakeException("PKIX path failed");
    badCertificate.initCause(new java.security.cert.CertificateException("unable to find a valid certification path"));
    assertThat(backoff.onError(failed(1, badCertificate))).isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(failed(1, new javax.net.ssl.SSLPeerUnverifiedException("no peer certificate"))))
        .isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(failed(1, new InvalidConnectionInfoException("port", "bad"))))
        .isInstanceOf(Result.Stop.class);
    assertThat(backoff.onError(new ErrorEvent(ErrorEvent.Kind.CALLBACK_FAILED, 0, true, null,
        new ContractViolationException(Callback.ON_FRAME, Result.reconnect(Duration.ZERO))))).isInstanceOf(Result.Stop.class);
  }

  @Test
  void tlsFailuresThatAreNotAboutTheCertificateAreRetried() {
    assertThat(backoff.onError(failed(1, new io.netty.handler.ssl.SslHandshakeTimeoutException("handshake timed out"))))
        .isInstanceOf(Result.Reconnect.class);
    assertThat(backoff.onError(failed(1, new javax.net.ssl.SSLHandshakeException("Remote host terminated the handshake"))))
        .isInstanceOf(Result.Reconnect.class);
    assertThat(backoff.onError(failed(1, new javax.net.ssl.SSLException("closed mid-handshake"))))
        .isInstanceOf(Result.Reconnect.class);
  }

  @Test
  void shortLivedConnectionsAreBackedOffAcrossDisconnects() {
    ExponentialBackoff noJitter = ExponentialBackoff.builder().jitter(0).build();
    Duration previous = Duration.ZERO;
    for (int shortLives = 1; shortLives <= 5; shortLives++) {
      Result r = noJitter.onError(new ErrorEvent(ErrorEvent.Kind.DISCONNECTED, shortLives, false,
          new DisconnectReason.Closed(1000, ""), null, Duration.ofMillis(5), shortLives));
      Duration delay = ((Result.Reconnect) r).delay();
      assertThat(delay).isGreaterThan(previous);
      previous = delay;
    }
    assertThat(previous).isEqualTo(Duration.ofSeconds(16));
  }

  @Test
  void aFailedCallbackOnALiveConnectionCarriesOn() {
    assertThat(backoff.onError(new ErrorEvent(ErrorEvent.Kind.CALLBACK_FAILED, 0, true, null, new RuntimeException())))
        .isEqualTo(Result.ok());
  }

  @Test
  void aDisconnectReconnectsAfterTheBaseDelay() {
    Result r = backoff.onError(new ErrorEvent(ErrorEvent.Kind.DISCONNECTED, 0, false,
        new DisconnectReason.Closed(1001, "restart"), null));
    assertThat(((Result.Reconnect) r).delay().toMillis()).isBetween(79L, 100L);
  }
}
