package org.xmppreactive.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChannelBindingsTest {

    static KeyPair rsa;
    static KeyPair ec;

    @BeforeAll
    static void generateKeys() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        rsa = rsaGenerator.generateKeyPair();
        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        ec = ecGenerator.generateKeyPair();
    }

    @Test
    void sha256WithRsaCertificateIsHashedWithSha256() throws Exception {
        X509Certificate certificate = selfSigned(rsa, "SHA256withRSA", null);

        assertThat(ChannelBindings.serverEndPointHash(certificate)).contains("SHA-256");
        assertThat(ChannelBindings.tlsServerEndPoint(certificate)).contains(
                new ChannelBinding("tls-server-end-point", digest("SHA-256", certificate)));
    }

    @Test
    void sha384WithEcdsaCertificateIsHashedWithSha384() throws Exception {
        X509Certificate certificate = selfSigned(ec, "SHA384withECDSA", null);

        assertThat(ChannelBindings.serverEndPointHash(certificate)).contains("SHA-384");
        assertThat(ChannelBindings.tlsServerEndPoint(certificate).orElseThrow().data())
                .hasSize(48)
                .isEqualTo(digest("SHA-384", certificate));
    }

    @Test
    void sha1WithRsaCertificateIsHashedWithSha256Instead() throws Exception {
        X509Certificate certificate = selfSigned(rsa, "SHA1withRSA", null);

        assertThat(ChannelBindings.serverEndPointHash(certificate)).contains("SHA-256");
        assertThat(ChannelBindings.tlsServerEndPoint(certificate).orElseThrow().data())
                .isEqualTo(digest("SHA-256", certificate));
    }

    @Test
    void md5WithRsaCertificateIsHashedWithSha256Instead() throws Exception {
        X509Certificate certificate = selfSigned(rsa, "MD5withRSA", new BouncyCastleProvider());

        assertThat(ChannelBindings.serverEndPointHash(certificate)).contains("SHA-256");
    }

    @Test
    void rsaPssCertificateIsHashedWithThePssHash() throws Exception {
        X509Certificate certificate = selfSigned(rsa, "SHA512withRSAandMGF1", new BouncyCastleProvider());

        assertThat(certificate.getSigAlgName()).isEqualTo("RSASSA-PSS");
        assertThat(ChannelBindings.serverEndPointHash(certificate)).contains("SHA-512");
    }

    @Test
    void ed25519CertificateHasNoServerEndPointBinding() throws Exception {
        KeyPair ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        X509Certificate certificate = selfSigned(ed25519, "Ed25519", null);

        assertThat(ChannelBindings.serverEndPointHash(certificate)).isEmpty();
        assertThat(ChannelBindings.tlsServerEndPoint(certificate)).isEmpty();
    }

    @Test
    void bothEndsOfATls12ConnectionBindToTheServersCertificateAndHaveNoExporter() throws Exception {
        X509Certificate serverCertificate = selfSigned(ec, "SHA384withECDSA", null);
        SSLSession[] sessions = handshake(serverCertificate, "TLSv1.2");

        TlsInfo client = TlsInfo.from(sessions[0], TlsRole.CLIENT);
        TlsInfo server = TlsInfo.from(sessions[1], TlsRole.SERVER);

        ChannelBinding expected = new ChannelBinding("tls-server-end-point", digest("SHA-384", serverCertificate));
        assertThat(client.channelBindings()).containsExactly(expected);
        assertThat(server.channelBindings()).containsExactly(expected);
        assertThat(client.channelBinding(ChannelBinding.TLS_EXPORTER)).isEmpty();
    }

    @Test
    void tlsInfoReportsProtocolCipherSuiteAndBothChains() throws Exception {
        X509Certificate serverCertificate = selfSigned(ec, "SHA256withECDSA", null);
        SSLSession[] sessions = handshake(serverCertificate, "TLSv1.3");

        TlsInfo client = TlsInfo.from(sessions[0], TlsRole.CLIENT);
        TlsInfo server = TlsInfo.from(sessions[1], TlsRole.SERVER);

        assertThat(client.protocol()).isEqualTo("TLSv1.3");
        assertThat(client.cipherSuite()).isEqualTo(sessions[0].getCipherSuite()).startsWith("TLS_");
        assertThat(client.peerCertificates()).containsExactly(serverCertificate);
        assertThat(client.localCertificates()).isEmpty();
        assertThat(server.localCertificates()).containsExactly(serverCertificate);
        assertThat(server.peerCertificates()).isEmpty();
    }

    @Test
    void tls13OffersTlsExporterFirstExactlyWhenTheJdkCanExportKeyingMaterial() throws Exception {
        boolean jdkCanExport = hasExporterMethod();
        X509Certificate serverCertificate = selfSigned(ec, "SHA256withECDSA", null);
        SSLSession[] sessions = handshake(serverCertificate, "TLSv1.3");

        List<ChannelBinding> client = ChannelBindings.of(sessions[0], TlsRole.CLIENT);
        List<ChannelBinding> server = ChannelBindings.of(sessions[1], TlsRole.SERVER);

        assertThat(ChannelBindings.exporterSupported()).isEqualTo(jdkCanExport);
        assertThat(client).isEqualTo(server);
        if (jdkCanExport) {
            assertThat(client).extracting(ChannelBinding::type)
                    .containsExactly("tls-exporter", "tls-server-end-point");
            assertThat(client.get(0).data()).hasSize(32);
        } else {
            assertThat(client).extracting(ChannelBinding::type).containsExactly("tls-server-end-point");
        }
    }

    @Test
    void tlsExporterDiffersBetweenTwoConnections() throws Exception {
        X509Certificate serverCertificate = selfSigned(ec, "SHA256withECDSA", null);

        var first = ChannelBindings.tlsExporter(handshake(serverCertificate, "TLSv1.3")[0]);
        var second = ChannelBindings.tlsExporter(handshake(serverCertificate, "TLSv1.3")[0]);

        assertThat(first.isPresent()).isEqualTo(hasExporterMethod());
        if (first.isPresent()) {
            assertThat(first.get().data()).isNotEqualTo(second.orElseThrow().data());
        }
    }

    private static boolean hasExporterMethod() {
        try {
            ExtendedSSLSession.class.getMethod("exportKeyingMaterialData", String.class, byte[].class, int.class);
            return true;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static byte[] digest(String algorithm, X509Certificate certificate) throws Exception {
        return MessageDigest.getInstance(algorithm).digest(certificate.getEncoded());
    }

    private static X509Certificate selfSigned(KeyPair keys, String signatureAlgorithm, Provider signingProvider)
            throws Exception {
        X500Name name = new X500Name("CN=example.org");
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name,
                keys.getPublic());
        var signer = new JcaContentSignerBuilder(signatureAlgorithm);
        if (signingProvider != null) {
            signer.setProvider(signingProvider);
        }
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer.build(keys.getPrivate())));
    }

    /** Runs a handshake between two engines over byte buffers; returns the client's and the server's session. */
    private static SSLSession[] handshake(X509Certificate serverCertificate, String protocol) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", ec.getPrivate(), password, new X509Certificate[] {serverCertificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCertificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);

        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trustManagers.getTrustManagers(), null);

        SSLEngine client = clientContext.createSSLEngine("example.org", 5222);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {protocol});

        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && (handshaking(client) || handshaking(server)); step++) {
            step(client, toClient, toServer);
            step(server, toServer, toClient);
        }
        assertThat(handshaking(client) || handshaking(server)).as("handshake finished").isFalse();
        return new SSLSession[] {client.getSession(), server.getSession()};
    }

    private static boolean handshaking(SSLEngine engine) {
        return engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void step(SSLEngine engine, ByteBuffer in, ByteBuffer out) throws SSLException {
        ByteBuffer application = ByteBuffer.allocate(1 << 16);
        for (int i = 0; i < 10; i++) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                        task.run();
                    }
                }
                case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    boolean progressed = engine.unwrap(in, application).bytesConsumed() > 0;
                    in.compact();
                    if (!progressed && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
                        return; // wait for the other side
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }
}
