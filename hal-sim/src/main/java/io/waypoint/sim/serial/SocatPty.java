package io.waypoint.sim.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * A pair of connected pseudo-terminals made by {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}:
 * bytes written to one end come out of the other, like a null-modem cable. A simulated device opens
 * {@link #deviceEnd()}; the driver under test (or the node) opens {@link #driverEnd()} as if it were
 * {@code /dev/ttyUSB0}.
 *
 * <p>socat is started under a small shell that watches its standard input: when this JVM dies, even
 * by SIGKILL, the pipe closes and the shell kills socat, so killed test processes do not leave socat
 * processes (and their terminals) behind. {@link #close()} stops it at once.
 */
public final class SocatPty implements AutoCloseable {
    private static final Pattern PTY_LINE = Pattern.compile("PTY is (/dev/\\S+)");
    // socat names a terminal before it makes it raw; by this line both are raw
    private static final String READY_LINE = "starting data transfer loop";
    private static final long START_TIMEOUT_SECONDS = 10;
    // the shell reads its stdin (a pipe from this JVM) and kills socat when it ends or on TERM
    private static final String WATCHDOG = "\"$0\" -d -d pty,raw,echo=0 pty,raw,echo=0 & child=$!\n"
            + "trap 'kill $child 2>/dev/null; exit 0' TERM\n"
            + "read _ignored\n"
            + "kill $child 2>/dev/null\n";

    private final Process process;
    private final OutputStream watchdogPipe;
    private final Path deviceEnd;
    private final Path driverEnd;

    private SocatPty(Process process, Path deviceEnd, Path driverEnd) {
        this.process = process;
        this.watchdogPipe = process.getOutputStream();
        this.deviceEnd = deviceEnd;
        this.driverEnd = driverEnd;
    }

    /**
     * Starts socat and returns once both terminals exist and are raw. (Bytes written before socat
     * applied {@code raw} would be cooked: a 0x0A sent as 0x0D 0x0A, seen here on a busy machine.)
     *
     * @throws IOException socat is not installed, did not start, or did not report two terminals
     */
    public static SocatPty start() throws IOException {
        Path socat = findSocat();
        Process process = new ProcessBuilder("/bin/sh", "-c", WATCHDOG, socat.toString()).start();
        CompletableFuture<List<Path>> ends = new CompletableFuture<>();
        Thread stderr = new Thread(() -> readStderr(process, ends), "sim-socat-stderr");
        stderr.setDaemon(true);
        stderr.start();
        List<Path> paths;
        try {
            paths = ends.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            throw new IOException("interrupted while starting socat");
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            String why = e instanceof TimeoutException ? "not ready within " + START_TIMEOUT_SECONDS + " s"
                    : e.getCause().getMessage();
            throw new IOException("socat (" + socat + ") did not make a pseudo-terminal pair: " + why
                    + ": check that /dev/ptmx and /dev/pts are available");
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                stop(process);
                throw new IOException("socat reported " + p + " but it does not exist: check that /dev/pts is mounted");
            }
        }
        SocatPty pty = new SocatPty(process, paths.get(0), paths.get(1));
        Logger.debug("socat pty pair: device {} <-> driver {}", pty.deviceEnd, pty.driverEnd);
        return pty;
    }

    /** The end a simulated device opens. */
    public Path deviceEnd() {
        return deviceEnd;
    }

    /** The end a driver opens as its serial port, e.g. {@code /dev/pts/7}. */
    public Path driverEnd() {
        return driverEnd;
    }

    /** Whether socat still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops socat; both terminals disappear. Harmless if already closed. */
    @Override
    public void close() {
        try {
            watchdogPipe.close();
        } catch (IOException e) {
            // the shell is gone already; stop() below makes sure
        }
        stop(process);
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void readStderr(Process process, CompletableFuture<List<Path>> ends) {
        List<Path> found = new ArrayList<>(2);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            // read to the end, not just the two lines: a pipe nobody drains would block socat's logging
            while ((line = in.readLine()) != null) {
                Matcher m = PTY_LINE.matcher(line);
                if (found.size() < 2 && m.find()) {
                    found.add(Path.of(m.group(1)));
                } else if (found.size() == 2 && line.contains(READY_LINE)) {
                    ends.complete(List.copyOf(found));
                } else if (line.contains(" E ")) {
                    Logger.warn("socat: {}", line);
                }
            }
        } catch (IOException e) {
            // the process was stopped
        }
        ends.completeExceptionally(new IOException("socat exited after reporting " + found.size()
                + " of 2 terminals, before its transfer loop started"));
    }

    private static Path findSocat() throws IOException {
        String pathVar = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        if (pathVar != null) {
            for (String dir : pathVar.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "socat"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/socat"));
        for (Path p : candidates) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IOException("socat not found on PATH or in /usr/bin: the simulated serial devices need it "
                + "to make pseudo-terminals; scripts/test installs it (or: sudo apt-get install socat)");
    }

    @Override
    public String toString() {
        return "socat " + deviceEnd + " <-> " + driverEnd;
    }
}
