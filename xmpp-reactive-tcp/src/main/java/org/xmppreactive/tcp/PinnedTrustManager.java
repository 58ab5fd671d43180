package org.xmppreactive.tcp;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly one server certificate. The name check is the JDK's own: the call is handed to a PKIX trust
 * manager whose only anchor is the pinned certificate, which also checks the engine's endpoint identification
 * (the XMPP domain) and algorithm constraints. Comparing the leaf first keeps out certificates that the pinned one
 * might have signed.
 */
final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final X509Certificate pinned;
    private final X509ExtendedTrustManager jdk;

    PinnedTrustManager(X509Certificate pinned) {
        this.pinned = pinned;
        this.jdk = anchoredAt(pinned);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        requirePinned(chain);
        jdk.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        requirePinned(chain);
        jdk.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        requirePinned(chain);
        jdk.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a pinned certificate checks servers, not clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a pinned certificate checks servers, not clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a pinned certificate checks servers, not clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void requirePinned(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the server presented no certificate");
        }
        if (!Arrays.equals(chain[0].getEncoded(), pinned.getEncoded())) {
            throw new CertificateException("the server's certificate (" + chain[0].getSubjectX500Principal().getName()
                    + ") is not the pinned one (" + pinned.getSubjectX500Principal().getName() + ")");
        }
    }

    private static X509ExtendedTrustManager anchoredAt(X509Certificate pinned) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("pinned", pinned);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager extended) {
                    return extended;
                }
            }
            throw new IllegalStateException("the JDK's PKIX trust manager factory made no X509ExtendedTrustManager");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build a trust manager for the pinned certificate", e);
        }
    }
}
