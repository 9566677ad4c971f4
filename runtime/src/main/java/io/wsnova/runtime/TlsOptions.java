package io.wsnova.runtime;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * TLS settings of a connection. The default verifies the peer's certificate against the JDK's trust store
 * and checks that it names the host connected to. Turning either check off is explicit and named so.
 *
 * @param trustedCertificates certificates to trust instead of the JDK's trust store; empty for the JDK's
 * @param verifyPeer whether the peer's certificate chain must be trusted (off only through
 *     {@link Builder#insecureTrustAnyCertificate()})
 * @param verifyHostname whether the certificate must name the host (off only through
 *     {@link Builder#insecureSkipHostnameVerification()})
 * @param sniHostName the name sent in the TLS server name indication and checked against the
 *     certificate; {@code null} for the connection's host
 */
public record TlsOptions(
    List<X509Certificate> trustedCertificates, boolean verifyPeer, boolean verifyHostname, String sniHostName) {

  /** Verify the peer and its host name against the JDK's trust store. */
  public static final TlsOptions DEFAULT = new TlsOptions(List.of(), true, true, null);

  public TlsOptions {
    trustedCertificates = List.copyOf(Objects.requireNonNull(trustedCertificates, "trustedCertificates"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TlsOptions}; starts from the verifying default. */
  public static final class Builder {
    private List<X509Certificate> trusted = List.of();
    private boolean verifyPeer = true;
    private boolean verifyHostname = true;
    private String sniHostName;

    private Builder() {}

    /** Trust these certificates (e.g. a private CA or a self-signed server) instead of the JDK's trust store. */
    public Builder trust(X509Certificate... certificates) {
      this.trusted = List.of(certificates);
      return this;
    }

    /** Send and verify this name instead of the connection's host (SNI). */
    public Builder sniHostName(String name) {
      this.sniHostName = name;
      return this;
    }

    /** INSECURE: accept any certificate, so anyone on the path can read and change the traffic. For tests only. */
    public Builder insecureTrustAnyCertificate() {
      this.verifyPeer = false;
      return this;
    }

    /** INSECURE: accept a trusted certificate issued for another host name. */
    public Builder insecureSkipHostnameVerification() {
      this.verifyHostname = false;
      return this;
    }

    public TlsOptions build() {
      return new TlsOptions(trusted, verifyPeer, verifyHostname, sniHostName);
    }
  }

  /**
   * Whether {@code failure} (or a cause of it) is the server's certificate or host name failing
   * verification, which no retry fixes: a wrong trust setting, an expired certificate, a name mismatch.
   */
  public static boolean isVerificationFailure(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.security.cert.CertificateException
          || t instanceof java.security.cert.CertPathValidatorException
          || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }
}
