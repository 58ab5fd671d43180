package org.xmppreactive.interop;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real XMPP server (Prosody 0.12 or ejabberd 23.01 from Debian) started for a test on 127.0.0.1, through
 * {@code scripts/servers/prosody.sh} / {@code ejabberd.sh}, on free loopback ports picked here.
 *
 * <pre>{@code
 * static final RealServer PROSODY = new RealServer(RealServer.Kind.PROSODY);
 * @TempDir static Path workdir;
 * @BeforeAll static void start() throws Exception { PROSODY.start(workdir); }
 * @AfterAll static void stop() throws Exception { PROSODY.stop(); }
 * }</pre>
 *
 * <p>Both servers serve the hosts {@link #domain()} = {@code example.com} (SCRAM-SHA-1) and {@link #sha256Domain()} =
 * {@code sha256.example.com} (SCRAM-SHA-256), each with the users of {@link #USERS}. STARTTLS is required on
 * {@link #c2sPort()}; {@link #directTlsPort()} speaks TLS at once (XEP-0368). The server certificates (SAN
 * {@code example.com, *.example.com} and {@code sha256.example.com}) are signed by a throw-away CA,
 * {@link #caCertificate()}. An XEP-0114 component {@link #componentDomain()} listens on {@link #componentPort()}
 * with secret {@link #COMPONENT_SECRET}.
 *
 * <p>The servers must be installed ({@code scripts/servers/install.sh}, as root) and the tests must run as root (or,
 * for Prosody only, as any user): the scripts run the daemons as the {@code prosody} / {@code ejabberd} users.
 * {@code workdir} is made world-searchable (0755) so those users can enter it; its parent must already be searchable
 * (a JUnit {@code @TempDir} itself is fine, a directory inside it is not). Two servers may share a workdir.
 * Logs stay in the workdir ({@link #logFile()}).
 */
public final class RealServer implements AutoCloseable {

    /** Which server. */
    public enum Kind {
        PROSODY("prosody.sh", "/usr/bin/prosody", "prosody/prosody.log"),
        EJABBERD("ejabberd.sh", "/usr/sbin/ejabberdctl", "ejabberd/logs/ejabberd.log");

        private final String script;
        private final String binary;
        private final String log;

        Kind(String script, String binary, String log) {
            this.script = script;
            this.binary = binary;
            this.log = log;
        }

        /** Whether the Debian package is installed on this machine. */
        public boolean isInstalled() {
            return Files.isExecutable(Paths.get(binary));
        }
    }

    /** Users registered on every host, user name to password, in order: the same as USERS in scripts/servers/lib.sh. */
    public static final Map<String, String> USERS = users();
    public static final String DOMAIN = "example.com";
    public static final String SHA256_DOMAIN = "sha256.example.com";
    public static final String COMPONENT_DOMAIN = "component.example.com";
    public static final String COMPONENT_SECRET = "s3cret";
    public static final String HOST = "127.0.0.1";

    /** System property overriding where the scripts are; default: found upwards from the working directory. */
    public static final String SCRIPTS_DIR_PROPERTY = "xmppreactive.servers.scripts";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    private static final int START_ATTEMPTS = 3;
    private static final Pattern PORT_TAKEN =
            Pattern.compile("already accepts connections|port is in use|eaddrinuse|Address already in use");

    private final Kind kind;
    private volatile Path workdir;
    private volatile int c2sPort;
    private volatile int directTlsPort;
    private volatile int componentPort;
    private volatile int distPort;
    private volatile Thread shutdownHook;
    private volatile String startOutput = "";

    public RealServer(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public static RealServer prosody() {
        return new RealServer(Kind.PROSODY);
    }

    public static RealServer ejabberd() {
        return new RealServer(Kind.EJABBERD);
    }

    /**
     * Starts the server with its config, data, certificates and logs under {@code workdir} and returns when its ports
     * accept connections and the users are registered (about 2 s for Prosody, most of it registering the fifteen
     * users one {@code prosodyctl} run at a time; 2 s for ejabberd; plus about 1 s the first time a workdir's
     * certificates are generated).
     *
     * @throws IOException when the server does not start; the message carries the script's output and the log's tail
     */
    public synchronized RealServer start(Path workdir) throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException(kind + " already started in " + this.workdir);
        }
        if (!kind.isInstalled()) {
            throw new IOException(kind + " is not installed (" + kind.binary + " missing): run scripts/servers/install.sh as root");
        }
        Path dir = Files.createDirectories(workdir).toAbsolutePath();
        makeSearchable(dir);
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int[] ports = freeLoopbackPorts(4);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("C2S_PORT", Integer.toString(ports[0]));
            env.put("C2S_DIRECT_TLS_PORT", Integer.toString(ports[1]));
            env.put("COMPONENT_PORT", Integer.toString(ports[2]));
            env.put("COMPONENT_SECRET", COMPONENT_SECRET);
            if (kind == Kind.EJABBERD) {
                env.put("ERL_DIST_PORT", Integer.toString(ports[3]));
            }
            this.workdir = dir;
            ScriptResult result = runScript("start", dir, env, START_TIMEOUT);
            if (result.exitCode == 0) {
                this.c2sPort = ports[0];
                this.directTlsPort = ports[1];
                this.componentPort = ports[2];
                this.distPort = kind == Kind.EJABBERD ? ports[3] : -1;
                this.startOutput = result.output;
                Thread hook = new Thread(this::stopQuietly, "stop-" + kind.name().toLowerCase() + "-on-exit");
                Runtime.getRuntime().addShutdownHook(hook);
                this.shutdownHook = hook;
                return this;
            }
            String tail = result.output.contains("---- last lines of") ? "" : logTail();
            last = new IOException(kind + " did not start (attempt " + attempt + " of " + START_ATTEMPTS + ", exit "
                    + result.exitCode + ") in " + dir + ":\n" + result.output + tail);
            runScript("stop", dir, Map.of(), STOP_TIMEOUT);
            // Only a port picked here and taken in between is worth another try, with new ports.
            if (!PORT_TAKEN.matcher(result.output + tail).find()) {
                break;
            }
        }
        this.workdir = null;
        throw last;
    }

    /** Stops the server (SIGTERM by pid, SIGKILL after 15 s); harmless when it is not running. Keeps the workdir. */
    public synchronized void stop() throws IOException, InterruptedException {
        Path dir = workdir;
        if (dir == null) {
            return;
        }
        ScriptResult result = runScript("stop", dir, Map.of(), STOP_TIMEOUT);
        workdir = null;
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // called from the hook itself
            }
        }
        if (result.exitCode != 0) {
            throw new IOException(kind + " stop failed (exit " + result.exitCode + "):\n" + result.output);
        }
    }

    /** {@link #stop()} for try-with-resources; an interrupt is kept as the thread's flag. */
    @Override
    public void close() throws IOException {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while stopping " + kind);
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRunning() {
        return workdir != null;
    }

    /** Always 127.0.0.1: the servers listen on nothing else. */
    public String host() {
        return HOST;
    }

    /** Client-to-server port, STARTTLS required. */
    public int c2sPort() {
        requireRunning();
        return c2sPort;
    }

    /** Client-to-server port with TLS from the first byte (XEP-0368); SNI selects the host's certificate. */
    public int directTlsPort() {
        requireRunning();
        return directTlsPort;
    }

    /** XEP-0114 component port, for {@link #componentDomain()} with {@link #COMPONENT_SECRET}. */
    public int componentPort() {
        requireRunning();
        return componentPort;
    }

    /** ejabberd's Erlang distribution port (loopback); -1 for Prosody. */
    public int erlangDistributionPort() {
        requireRunning();
        return distPort;
    }

    /** {@code example.com}: SCRAM-SHA-1 (Prosody: SCRAM-SHA-1, PLAIN; ejabberd also SCRAM-SHA-1-PLUS). */
    public String domain() {
        return DOMAIN;
    }

    /** {@code sha256.example.com}: SCRAM-SHA-256 (Prosody: SCRAM-SHA-256, PLAIN; ejabberd also SCRAM-SHA-256-PLUS). */
    public String sha256Domain() {
        return SHA256_DOMAIN;
    }

    public String componentDomain() {
        return COMPONENT_DOMAIN;
    }

    /** The password of one of {@link #USERS}. */
    public static String password(String user) {
        String password = USERS.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no such test user: " + user + "; known: " + USERS.keySet());
        }
        return password;
    }

    /** PEM file of the throw-away CA that signed the server certificates: {@code <workdir>/ca.pem}. */
    public Path caCertificate() {
        return requireRunning().resolve("ca.pem");
    }

    /** A PKCS#12 key store (in memory) holding only {@link #caCertificate()}, for a TrustManagerFactory. */
    public KeyStore trustStore() throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caCertificate())) {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            store.setCertificateEntry("xmpp-reactive-test-ca", ca);
        }
        return store;
    }

    /** The directory given to {@link #start(Path)}. */
    public Path workdir() {
        return requireRunning();
    }

    /** The server's main log file. */
    public Path logFile() {
        return requireRunning().resolve(kind.log);
    }

    /** What the start script printed (timings, ports). */
    public String startOutput() {
        return startOutput;
    }

    @Override
    public String toString() {
        Path dir = workdir;
        return dir == null ? kind + " (stopped)"
                : kind + " on " + HOST + " c2s " + c2sPort + ", direct TLS " + directTlsPort + ", component "
                        + componentPort + " in " + dir;
    }

    // ------------------------------------------------------------------------------------------------------------

    private Path requireRunning() {
        Path dir = workdir;
        if (dir == null) {
            throw new IllegalStateException(kind + " is not started");
        }
        return dir;
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            System.err.println("stopping " + kind + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        Path dir = workdir;
        if (dir == null) {
            return "";
        }
        Path log = dir.resolve(kind.log);
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "\n---- last lines of " + log + "\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "\n(no log at " + log + ")";
        }
    }

    /** Distinct free TCP ports on 127.0.0.1, all sockets closed again before returning. */
    static int[] freeLoopbackPorts(int count) throws IOException {
        InetAddress loopback = InetAddress.getByName(HOST);
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, loopback);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void makeSearchable(Path dir) throws IOException {
        if (Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static final class ScriptResult {
        final int exitCode;
        final String output;

        ScriptResult(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }
    }

    private ScriptResult runScript(String action, Path dir, Map<String, String> env, Duration timeout)
            throws IOException, InterruptedException {
        Path script = scriptsDir().resolve(kind.script);
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), action, dir.toString())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        // The daemons' own output goes to files, so the pipe reaches EOF when the script ends.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // process destroyed
            }
        }, kind.name().toLowerCase() + ".sh-" + action + "-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            reader.join(1000);
            return new ScriptResult(-1, out.toString(StandardCharsets.UTF_8) + "\n(" + script + " " + action
                    + " timed out after " + timeout.toSeconds() + " s)");
        }
        reader.join(5000);
        return new ScriptResult(process.exitValue(), out.toString(StandardCharsets.UTF_8));
    }

    private static Path scriptsDir() {
        String configured = System.getProperty(SCRIPTS_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("scripts").resolve("servers");
            if (Files.isRegularFile(candidate.resolve("prosody.sh"))) {
                return candidate;
            }
        }
        throw new UncheckedIOException(new IOException("scripts/servers/ not found above "
                + Paths.get("").toAbsolutePath() + "; set -D" + SCRIPTS_DIR_PROPERTY + "=<repo>/scripts/servers"));
    }

    private static Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("alice", "alicepass");
        users.put("bob", "bobpass");
        users.put("carol", "carolpass");
        // accounts of its own for each test of ImInteropIT: the servers run once for all the classes (RealServers)
        // and keep rosters and subscriptions, so no other test may touch these
        for (String user : List.of("dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "ken", "leo",
                "mike", "nina", "oscar")) {
            users.put(user, user + "pass");
        }
        return Collections.unmodifiableMap(users);
    }
}
