package io.waypoint.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two pseudo-terminals joined by socat: a serial cable in software. The console opens one end, the
 * test plays the technician's terminal on the other.
 */
final class PtyPair implements AutoCloseable {
    private static final Pattern PTY_LINE = Pattern.compile(".* PTY is (/dev/pts/\\d+)\\s*$");

    private final Process socat;
    private final String consoleEnd;
    private final String terminalEnd;

    private PtyPair(Process socat, String consoleEnd, String terminalEnd) {
        this.socat = socat;
        this.consoleEnd = consoleEnd;
        this.terminalEnd = terminalEnd;
    }

    /** A pair whose console end is also reachable at {@code link}, so a new pair can take the old one's place. */
    static PtyPair start(Path link) throws IOException, InterruptedException {
        String first = "pty,raw,echo=0" + (link == null ? "" : ",link=" + link);
        Process p = new ProcessBuilder("socat", "-d", "-d", first, "pty,raw,echo=0").start();
        BlockingQueue<String> ptys = new LinkedBlockingQueue<>();
        Thread stderr = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = PTY_LINE.matcher(line);
                    if (m.matches()) {
                        ptys.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                // socat ended
            }
        }, "socat-stderr");
        stderr.setDaemon(true);
        stderr.start();
        List<String> paths = new ArrayList<>();
        while (paths.size() < 2) {
            String path = ptys.poll(10, TimeUnit.SECONDS);
            if (path == null) {
                p.destroyForcibly();
                throw new IOException("socat did not report two pseudo-terminals");
            }
            paths.add(path);
        }
        return new PtyPair(p, link == null ? paths.get(0) : link.toString(), paths.get(1));
    }

    static PtyPair start() throws IOException, InterruptedException {
        return start(null);
    }

    /** Where the console opens its port. */
    String consoleEnd() {
        return consoleEnd;
    }

    /** Where the technician's terminal is. */
    String terminalEnd() {
        return terminalEnd;
    }

    /** Like pulling the USB-serial adapter out: both ends vanish. */
    @Override
    public void close() throws InterruptedException {
        socat.destroy();
        if (!socat.waitFor(10, TimeUnit.SECONDS)) {
            socat.destroyForcibly().waitFor();
        }
    }
}
