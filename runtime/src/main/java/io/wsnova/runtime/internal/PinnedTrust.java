package io.wsnova.runtime.internal;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust in the certificates a user pinned with {@code TlsOptions.trust(...)}. The JDK takes them as
 * trust anchors, and never checks an anchor's dates: an expired pinned certificate would be accepted.
 * This checks the dates of the pinned certificate a chain rests on, at every handshake, and refuses it
 * outside them with an error that says so; everything else is the JDK's own validation.
 */
final class PinnedTrust extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager jdk;
  private final List<X509Certificate> pinned;

  private PinnedTrust(X509ExtendedTrustManager jdk, List<X509Certificate> pinned) {
    this.jdk = jdk;
    this.pinned = pinned;
  }

  static TrustManager managerFor(List<X509Certificate> pinned) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < pinned.size(); i++) {
      store.setCertificateEntry("pinned-" + i, pinned.get(i));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager m : factory.getTrustManagers()) {
      if (m instanceof X509ExtendedTrustManager x) {
        return new PinnedTrust(x, List.copyOf(pinned));
      }
    }
    throw new GeneralSecurityException("the JDK offers no X509ExtendedTrustManager");
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    jdk.checkServerTrusted(chain, authType, engine);
    checkAnchorDates(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    jdk.checkServerTrusted(chain, authType, socket);
    checkAnchorDates(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    jdk.checkServerTrusted(chain, authType);
    checkAnchorDates(chain);
  }

  /** The pinned certificate the chain ends in (one of its certificates, or its last one's issuer) must be in date. */
  @SuppressWarnings("JavaUtilDate") // X509Certificate.checkValidity takes a Date
  private void checkAnchorDates(X509Certificate[] chain) throws CertificateException {
    Date now = new Date();
    X509Certificate last = chain[chain.length - 1];
    for (X509Certificate p : pinned) {
      boolean inChain = false;
      for (X509Certificate c : chain) {
        inChain |= c.equals(p);
      }
      if (!inChain && !p.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
        continue;
      }
      try {
        p.checkValidity(now);
        return; // an anchor in date: trusted
      } catch (CertificateExpiredException e) {
        throw new CertificateExpiredException("the pinned certificate " + p.getSubjectX500Principal()
            + " expired on " + p.getNotAfter().toInstant() + ": pin its successor with TlsOptions.builder().trust(...)");
      } catch (CertificateNotYetValidException e) {
        throw new CertificateNotYetValidException("the pinned certificate " + p.getSubjectX500Principal()
            + " is not valid before " + p.getNotBefore().toInstant() + ": check the clock, or pin the current one");
      }
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    jdk.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    jdk.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jdk.getAcceptedIssuers();
  }
}
