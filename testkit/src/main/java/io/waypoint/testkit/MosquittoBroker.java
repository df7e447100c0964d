package io.waypoint.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Mosquitto, started by a test on a free port with its own configuration, that the test can
 * SIGKILL, freeze (SIGSTOP) and restart on the same port. Network tests never mock the broker.
 *
 * <p>The default configuration lifts {@code max_queued_messages} (0 = no limit): with Mosquitto's
 * default of 1000 queued per client it drops QoS 1 messages for a slow subscriber, which is a
 * property of the broker's config, not of our code (see FIELD-NOTES.md).
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final boolean persistence;
    private final List<String> extraConfig;
    /** A configuration run as it is (scripts/install's), or null for one written here. */
    private final Path givenConfig;
    private Process process;

    private MosquittoBroker(Path dir, int port, boolean persistence, List<String> extraConfig, Path givenConfig) {
        this.dir = dir;
        this.port = port;
        this.persistence = persistence;
        this.extraConfig = List.copyOf(extraConfig);
        this.givenConfig = givenConfig;
    }

    /** An anonymous broker without persistence on a free port, started. */
    public static MosquittoBroker start(Path dir) {
        return start(dir, false, List.of());
    }

    /**
     * A broker on a free port, started.
     *
     * @param persistence keep sessions and queued messages on disk across restarts
     * @param extraConfig further mosquitto.conf lines (listener options, password_file, acl_file...)
     */
    public static MosquittoBroker start(Path dir, boolean persistence, List<String> extraConfig) {
        return startOn(FreePorts.next(), dir, persistence, extraConfig);
    }

    /** A broker on a chosen port: for tests where a client is started before its broker. */
    public static MosquittoBroker startOn(int port, Path dir, boolean persistence, List<String> extraConfig) {
        MosquittoBroker b = new MosquittoBroker(dir, port, persistence, extraConfig, null);
        b.restart();
        return b;
    }

    /**
     * A broker running {@code config} exactly as it is, not a line added: how a test checks the
     * configuration {@code scripts/install} writes. {@code port} is the listener the config opens
     * (ready when it accepts a TCP connection); the broker's stdout and stderr go to {@link #output()}.
     */
    public static MosquittoBroker startWithConfig(Path config, int port, Path dir) {
        MosquittoBroker b = new MosquittoBroker(dir, port, false, List.of(), config);
        b.restart();
        return b;
    }

    /** Writes a Mosquitto password file with one user (needs mosquitto_passwd, part of the mosquitto package). */
    public static Path passwordFile(Path dir, String user, String password) {
        Path file = dir.resolve("passwd");
        try {
            Files.createDirectories(dir);
            String tool = Files.isExecutable(Path.of("/usr/bin/mosquitto_passwd")) ? "/usr/bin/mosquitto_passwd" : "mosquitto_passwd";
            List<String> cmd = new java.util.ArrayList<>(List.of(tool));
            if (!Files.exists(file)) {
                cmd.add("-c");
            }
            cmd.addAll(List.of("-b", file.toString(), user, password));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("mosquitto_passwd failed: " + out);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The path of the mosquitto binary, or fails with what to install. */
    public static Path binary() {
        for (String candidate : List.of("/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            Path p = Path.of(d, "mosquitto");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("mosquitto not found: scripts/test installs it (apt-get install mosquitto)");
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return dir.resolve("mosquitto.log");
    }

    /** What the broker printed (its log, for a configuration with {@code log_dest stderr}). */
    public Path output() {
        return dir.resolve("mosquitto.out");
    }

    /** Starts (again) on the same port with the same configuration; returns when it accepts connections. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("broker still running");
        }
        try {
            Files.createDirectories(dir);
            Path conf = givenConfig != null ? givenConfig : writeConfig();
            process = new ProcessBuilder(binary().toString(), "-c", conf.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process p = process;
        await("mosquitto listening on " + port).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException("mosquitto exited with " + p.exitValue() + ": " + tail());
                    }
                    return accepts();
                });
    }

    private Path writeConfig() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        StringBuilder c = new StringBuilder();
        c.append("listener ").append(port).append(" 127.0.0.1\n");
        boolean hasAuth = extraConfig.stream().anyMatch(l -> l.startsWith("password_file") || l.startsWith("allow_anonymous"));
        if (!hasAuth) {
            c.append("allow_anonymous true\n");
        }
        c.append("max_queued_messages 0\n");
        c.append("max_inflight_messages 0\n");
        c.append("set_tcp_nodelay true\n"); // as a site's broker runs (scripts/install): no packet waits for Nagle
        c.append("persistence ").append(persistence).append('\n');
        if (persistence) {
            c.append("persistence_location ").append(dir.toAbsolutePath()).append("/\n");
            c.append("autosave_interval 1\n");
        }
        c.append("log_dest file ").append(logFile().toAbsolutePath()).append('\n');
        c.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        c.append("connection_messages true\n");
        // as root mosquitto drops to user "mosquitto", which cannot write the test's directory
        if ("root".equals(System.getProperty("user.name"))) {
            c.append("user root\n");
        }
        extraConfig.forEach(l -> c.append(l).append('\n'));
        Files.writeString(conf, c.toString());
        return conf;
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output());
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** SIGKILL: the broker loses whatever it held only in memory. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: a clean stop (persistence saved). */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    /** SIGSTOP: the broker stops answering but keeps its sockets open, like a hung machine. */
    public synchronized void freeze() {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze()}. */
    public synchronized void thaw() {
        signal("CONT");
    }

    /** The broker process's id, while it runs (for a benchmark that reads its CPU time). */
    public synchronized long pid() {
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("the broker on port " + port() + " is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    private void signal(String sig) {
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid())).start();
            k.waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            thaw();
            kill();
        }
    }
}
