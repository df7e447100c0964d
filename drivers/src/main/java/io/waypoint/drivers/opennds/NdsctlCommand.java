package io.waypoint.drivers.opennds;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs ndsctl as a process, one call at a time, with the settings' prefix (sudo) and timeout. Its
 * arguments name phones: they are passed to the process and nowhere else.
 */
final class NdsctlCommand {
    // 250 clients (openNDS's default maximum) print about 250 kB; anything far beyond is no client list
    static final int MAX_OUTPUT = 4 * 1024 * 1024;
    private static final File NO_INPUT = new File("/dev/null");

    private final OpenNdsSettings settings;

    NdsctlCommand(OpenNdsSettings settings) {
        this.settings = settings;
    }

    /** The command line without arguments, for messages: e.g. {@code sudo -n /usr/bin/ndsctl}. */
    String describe() {
        List<String> words = new ArrayList<>(settings.commandPrefix());
        words.add(settings.ndsctl().toString());
        return String.join(" ", words);
    }

    /**
     * Runs ndsctl with {@code args} and waits for it, at most the call timeout.
     *
     * @throws IOException the process could not be started (the message names the program, not the arguments)
     */
    NdsctlRun run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(settings.commandPrefix());
        command.add(settings.ndsctl().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        // sudo and ndsctl in English, whatever the board's locale: their words are read below
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        OutputCollector output = new OutputCollector(process.getInputStream());
        Thread reader = new Thread(output, "ndsctl-output");
        reader.setDaemon(true);
        reader.start();
        long timeoutMillis = settings.callTimeout().toMillis();
        try {
            if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                kill(process);
                reader.join(TimeUnit.SECONDS.toMillis(1));
                return new NdsctlRun(-1, output.text(), true);
            }
            // its output ends when it exits, unless something it started holds the pipe
            reader.join(Math.max(1, timeoutMillis));
            if (reader.isAlive()) {
                // ndsctl exited but something it started still holds its output open
                kill(process);
                reader.join(TimeUnit.SECONDS.toMillis(1));
            }
            return new NdsctlRun(process.exitValue(), output.text(), false);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    /** Kills ndsctl and what it started (the helper it talks through), so nothing is left behind. */
    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Reads a process's output to its end, keeping at most {@link #MAX_OUTPUT} bytes. */
    private static final class OutputCollector implements Runnable {
        private final InputStream in;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            this.in = in;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    synchronized (kept) {
                        // past the limit keep reading, so the process is never blocked on a full pipe
                        if (kept.size() + n <= MAX_OUTPUT) {
                            kept.write(buffer, 0, n);
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed or closed its output
            }
        }

        String text() {
            synchronized (kept) {
                return kept.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
