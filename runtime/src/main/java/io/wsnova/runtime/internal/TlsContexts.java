package io.wsnova.runtime.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.wsnova.runtime.TlsOptions;
import java.security.cert.X509Certificate;
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
    SslContextBuilder b = SslContextBuilder.forClient();
    if (!tls.verifyPeer()) {
      b.trustManager(InsecureTrustManagerFactory.INSTANCE);
    } else if (!tls.trustedCertificates().isEmpty()) {
      b.trustManager(tls.trustedCertificates().toArray(new X509Certificate[0]));
    }
    // Hostname verification is explicit here rather than left to the Netty version's default.
    b.endpointIdentificationAlgorithm(tls.verifyPeer() && tls.verifyHostname() ? "HTTPS" : null);
    return b.build();
  }
}
