package org.xmppreactive.transport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Computes the channel binding data (RFC 5056) of a completed TLS handshake, as SCRAM's {@code -PLUS} mechanisms
 * need it: {@code tls-exporter} (RFC 9266) and {@code tls-server-end-point} (RFC 5929 §4).
 *
 * <p>Both sides of a connection compute the same bytes, which is the point: a man in the middle that terminates TLS
 * on each side ends up with two different values, and SCRAM's proof fails.
 *
 * <pre>{@code
 * List<ChannelBinding> bindings = ChannelBindings.of(engine.getSession(), TlsRole.CLIENT);
 * }</pre>
 */
public final class ChannelBindings {

    /** RFC 9266 §2: the exporter label of {@code tls-exporter}. */
    static final String EXPORTER_LABEL = "EXPORTER-Channel-Binding";

    /** RFC 9266 §2: {@code tls-exporter} is 32 bytes long. */
    static final int EXPORTER_LENGTH = 32;

    /**
     * {@code ExtendedSSLSession.exportKeyingMaterialData(String, byte[], int)}, which appeared after Java 17; looked
     * up by reflection because the core compiles for 17.
     */
    private static final Optional<Method> EXPORT_KEYING_MATERIAL_DATA = lookUpExporter();

    /** {@code SHA256}, {@code SHA512/224}: JCA signature-name hashes that lack the hyphen of the digest's name. */
    private static final Pattern SHA2_WITHOUT_HYPHEN = Pattern.compile("SHA(\\d{3}(?:/\\d{3})?)");

    private ChannelBindings() {
    }

    /**
     * The channel bindings a completed handshake supports, in order of preference: {@code tls-exporter} first when
     * the session is TLS 1.3 and the running JDK can export keying material, then {@code tls-server-end-point} when
     * the server's certificate has a hash RFC 5929 can use.
     *
     * @param session the session of a completed handshake
     * @param role    which side of the handshake this end took; decides where the server's certificate is
     */
    public static List<ChannelBinding> of(SSLSession session, TlsRole role) {
        List<ChannelBinding> bindings = new ArrayList<>(2);
        tlsExporter(session).ifPresent(bindings::add);
        serverCertificate(session, role).flatMap(ChannelBindings::tlsServerEndPoint).ifPresent(bindings::add);
        return List.copyOf(bindings);
    }

    /**
     * Whether the running JDK can export keying material ({@code ExtendedSSLSession.exportKeyingMaterialData}); Java
     * 17 cannot, Java 25 can. Without it there is no {@code tls-exporter}.
     */
    public static boolean exporterSupported() {
        return EXPORT_KEYING_MATERIAL_DATA.isPresent();
    }

    /**
     * RFC 9266 {@code tls-exporter}: 32 bytes exported with label {@code EXPORTER-Channel-Binding} and an empty
     * context. Present only for TLS 1.3 sessions (RFC 9266 §3 requires TLS 1.2 to have extended master secret, which
     * the JDK's session does not report) and only when the running JDK {@linkplain #exporterSupported() supports}
     * exporters.
     *
     * @param session the session of a completed handshake
     */
    public static Optional<ChannelBinding> tlsExporter(SSLSession session) {
        if (!"TLSv1.3".equals(session.getProtocol()) || !(session instanceof ExtendedSSLSession)) {
            return Optional.empty();
        }
        return EXPORT_KEYING_MATERIAL_DATA.flatMap(export -> {
            try {
                Object data = export.invoke(session, EXPORTER_LABEL, new byte[0], EXPORTER_LENGTH);
                return data instanceof byte[] bytes && bytes.length == EXPORTER_LENGTH
                        ? Optional.of(new ChannelBinding(ChannelBinding.TLS_EXPORTER, bytes))
                        : Optional.empty();
            } catch (IllegalAccessException | InvocationTargetException e) {
                // SSLKeyException inside: this session cannot export (e.g. it was resumed without the secret).
                return Optional.empty();
            }
        });
    }

    /**
     * RFC 5929 §4.1 {@code tls-server-end-point}: the hash of the server's certificate (DER), with the hash function
     * of the certificate's signature algorithm, MD5 and SHA-1 replaced by SHA-256. Empty when the signature algorithm
     * uses no single hash function that the running JDK has (Ed25519, Ed448), for which RFC 5929 leaves the binding
     * undefined.
     *
     * @param serverCertificate the server's leaf certificate
     */
    public static Optional<ChannelBinding> tlsServerEndPoint(X509Certificate serverCertificate) {
        return serverEndPointHash(serverCertificate).flatMap(hash -> {
            try {
                byte[] digest = MessageDigest.getInstance(hash).digest(serverCertificate.getEncoded());
                return Optional.of(new ChannelBinding(ChannelBinding.TLS_SERVER_END_POINT, digest));
            } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The JCA name of the hash {@code tls-server-end-point} uses for {@code certificate}, e.g. {@code SHA-384} for a
     * {@code SHA384withECDSA} signature and {@code SHA-256} for {@code SHA1withRSA}; empty if RFC 5929 leaves it
     * undefined or the running JDK lacks the hash.
     *
     * @param certificate the server's leaf certificate
     */
    public static Optional<String> serverEndPointHash(X509Certificate certificate) {
        return signatureHash(certificate)
                .map(ChannelBindings::upgradeWeakHash)
                .filter(ChannelBindings::digestAvailable);
    }

    private static Optional<String> signatureHash(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.equals("RSASSA-PSS")) {
            return pssHash(certificate.getSigAlgParams());
        }
        int with = algorithm.indexOf("WITH");
        if (with <= 0) {
            return Optional.empty(); // Ed25519, Ed448: no separate hash function
        }
        String hash = algorithm.substring(0, with);
        Matcher sha2 = SHA2_WITHOUT_HYPHEN.matcher(hash);
        return Optional.of(sha2.matches() ? "SHA-" + sha2.group(1) : hash);
    }

    private static Optional<String> pssHash(byte[] encodedParameters) {
        if (encodedParameters == null) {
            return Optional.empty();
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("RSASSA-PSS");
            parameters.init(encodedParameters);
            return Optional.of(parameters.getParameterSpec(PSSParameterSpec.class).getDigestAlgorithm()
                    .toUpperCase(Locale.ROOT));
        } catch (GeneralSecurityException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    // RFC 5929 §4.1: "if the certificate's signatureAlgorithm uses the MD5 or SHA-1 hash functions, then use SHA-256".
    private static String upgradeWeakHash(String hash) {
        return switch (hash) {
            case "MD5", "SHA", "SHA1", "SHA-1" -> "SHA-256";
            default -> hash;
        };
    }

    private static boolean digestAvailable(String hash) {
        try {
            MessageDigest.getInstance(hash);
            return true;
        } catch (NoSuchAlgorithmException e) {
            return false;
        }
    }

    private static Optional<X509Certificate> serverCertificate(SSLSession session, TlsRole role) {
        Certificate[] chain;
        if (role == TlsRole.SERVER) {
            chain = session.getLocalCertificates();
        } else {
            try {
                chain = session.getPeerCertificates();
            } catch (SSLPeerUnverifiedException e) {
                chain = null;
            }
        }
        return chain != null && chain.length > 0 && chain[0] instanceof X509Certificate leaf
                ? Optional.of(leaf)
                : Optional.empty();
    }

    private static Optional<Method> lookUpExporter() {
        try {
            return Optional.of(ExtendedSSLSession.class.getMethod(
                    "exportKeyingMaterialData", String.class, byte[].class, int.class));
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }
}
