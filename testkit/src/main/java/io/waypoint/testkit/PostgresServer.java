package io.waypoint.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL, started by a test in its own directory on a free port (initdb, then pg_ctl),
 * stopped and deleted with {@link #close()}. Network tests never mock the database.
 *
 * <p>PostgreSQL refuses to run as root, and tests here often do: then the cluster directory is
 * given to {@code nobody} and every server command runs through {@code setpriv} as that user, with
 * no supplementary groups. Authentication is {@code trust} for the one user {@link #USER}, on
 * 127.0.0.1 only; {@code fsync} stays on, as in the field, because the gateway's promise is that what
 * it acknowledged is on disk.
 */
public final class PostgresServer implements AutoCloseable {
    /** The superuser initdb creates; the gateway logs in as this user. */
    public static final String USER = "waypoint";
    /** A password the server ignores (trust), so config parsing and logging of one are exercised. */
    public static final String PASSWORD = "not-checked-but-never-logged";
    private static final String UNPRIVILEGED = "nobody";

    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private int databases;
    private final Thread stopAtExit = new Thread(this::stop, "stop-postgres");

    private PostgresServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.asRoot = "root".equals(System.getProperty("user.name"));
    }

    /** A fresh cluster in {@code dir/pgdata} on a free port, started, with an empty database {@code waypoint}. */
    public static PostgresServer start(Path dir) {
        PostgresServer s = new PostgresServer(dir, FreePorts.next());
        s.init();
        s.run(List.of(tool("pg_ctl"), "-D", s.data().toString(), "-l", s.logFile().toString(), "-w", "-t", "30",
                "-o", "-p " + s.port + " -k " + s.data() + " -c listen_addresses=127.0.0.1 -c max_connections=50", "start"));
        // a test JVM that dies without closing must not leave a server running on a shared machine
        Runtime.getRuntime().addShutdownHook(s.stopAtExit);
        s.run(List.of(tool("createdb"), "-h", "127.0.0.1", "-p", Integer.toString(s.port), "-U", USER, "waypoint"));
        return s;
    }

    /** Where a binary of PostgreSQL lives: {@code /usr/lib/postgresql/<version>/bin}, or the PATH. */
    static String tool(String name) {
        Path lib = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(lib)) {
            try (var versions = Files.list(lib)) {
                List<Path> found = versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable).sorted().toList();
                if (!found.isEmpty()) {
                    return found.get(found.size() - 1).toString();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(d, name))) {
                return Path.of(d, name).toString();
            }
        }
        throw new IllegalStateException("PostgreSQL's " + name + " not found: scripts/test installs it (apt-get install postgresql)");
    }

    /** The JDBC url of the test database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/waypoint";
    }

    /** The url as the gateway's {@code store.url} takes it. */
    public String url() {
        return "postgresql://127.0.0.1:" + port + "/waypoint";
    }

    /**
     * A new empty database on this server, for one test that must not see another's rows; returns
     * its url as the gateway's {@code store.url} takes it.
     */
    public synchronized String freshDatabase() {
        String name = "test_" + ++databases;
        run(List.of(tool("createdb"), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, name));
        return "postgresql://127.0.0.1:" + port + "/" + name;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return dir.resolve("postgres.log");
    }

    private Path data() {
        return dir.resolve("pgdata");
    }

    private void init() {
        try {
            Files.createDirectories(data());
            if (asRoot) {
                // the server must own its directory, and reach it: every parent must be searchable by others
                run(List.of("chown", "-R", UNPRIVILEGED + ":", dir.toString()));
                for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
                    var perms = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(p));
                    if (perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                        Files.setPosixFilePermissions(p, perms);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // --no-sync only for initdb's own files: the running server keeps fsync on
        run(List.of(tool("initdb"), "-D", data().toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync",
                "--locale=C"));
    }

    private void run(List<String> command) {
        List<String> cmd = new ArrayList<>();
        if (asRoot && !command.get(0).equals("chown")) {
            cmd.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED, "--regid=nogroup", "--clear-groups"));
        }
        cmd.addAll(command);
        try {
            Path out = dir.resolve("commands.out");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within 60 s; see " + out);
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + tail(out)
                        + (Files.exists(logFile()) ? " | server log: " + tail(logFile()) : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /** Stops the server at once (no checkpoint: the directory is deleted next by the test's temp dir). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already shutting down, or never registered: stop() below does the work either way
        }
        stop();
    }

    private synchronized void stop() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            run(List.of(tool("pg_ctl"), "-D", data().toString(), "-m", "immediate", "-w", "stop"));
        }
    }
}
