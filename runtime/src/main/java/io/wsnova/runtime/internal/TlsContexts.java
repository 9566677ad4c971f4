package io.wsnova.runtime.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.wsnova.runtime.TlsOptions;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/** Builds client {@link SslContext}s, once per distinct {@link TlsOptions} (they are costly: trust stores). */
final class TlsContexts {
  private final ConcurrentHashMap<TlsOptions, SslContext> contexts = new ConcurrentHashMap<>();

  SslContext get(TlsOptions tls) throws SSLException {
    SslContext ctx = contexts.get(tls);
    if (ctx == null) {
      ctx = build(tls);
      SslContext raced = contexts.putIfAbsent(tls, ctx);
      if (raced != null) {
        ctx = raced;
      }
    }
    return ctx;
  }

  private static SslContext build(TlsOptions tls) throws SSLException {
    try {
      return buildOrThrow(tls);
    } catch (java.security.GeneralSecurityException | java.io.IOException e) {
      throw new SSLException("cannot build a trust manager for the pinned certificates: " + e.getMessage(), e);
    }
  }

  private static SslContext buildOrThrow(TlsOptions tls) throws java.security.GeneralSecurityException,
      java.io.IOException {
    SslContextBuilder b = SslContextBuilder.forClient();
    if (!tls.verifyPeer()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE);
    } else if (!tls.trustedCertificates().isEmpty()) {
      b.trustManager(PinnedTrust.managerFor(tls.trustedCertificates()));
    }
    // Hostname verification is explicit here rather than left to the Netty version's default.
    b.endpointIdentificationAlgorithm(tls.verifyPeer() && tls.verifyHostname() ? "HTTPS" : null);
    return b.build();
  }
}
