package org.xmppreactive.tcp;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every certificate, for {@link TrustOptions#insecureTrustAll()}. It extends
 * {@link X509ExtendedTrustManager} on purpose: the JDK wraps plain {@code X509TrustManager}s in a checker that
 * would still verify the host name, and this one is meant to verify nothing.
 */
final class TrustAllManager extends X509ExtendedTrustManager {

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // insecure by request
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // insecure by request
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // insecure by request
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        // insecure by request
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        // insecure by request
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // insecure by request
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
