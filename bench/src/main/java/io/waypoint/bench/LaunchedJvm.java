package io.waypoint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A waypoint process started exactly as its launcher starts it: {@code java <flags> -jar <jar> <args>},
 * the jar from {@code scripts/build-jar MODULE} and the flags from {@code scripts/jvm-flags MODULE JAR}
 * (the one place they are written), plus only what the benchmark itself needs (the simulated site's
 * record directory). Its stdout and stderr go to one file.
 */
public final class LaunchedJvm implements AutoCloseable {
    private final String module;
    private final Process process;
    private final Path output;
    /** Where this process's output begins in {@link #output}, which earlier runs in the same directory wrote to too. */
    private final long outputStart;
    private final long startedNanos;
    private final List<String> flags;

    private LaunchedJvm(String module, Process process, Path output, long outputStart, long startedNanos, List<String> flags) {
        this.module = module;
        this.process = process;
        this.output = output;
        this.outputStart = outputStart;
        this.startedNanos = startedNanos;
        this.flags = List.copyOf(flags);
    }

    /** The repository: {@code -Dwaypoint.root}, else the first directory up from here that holds scripts/jvm-flags. */
    public static Path root() {
        String given = System.getProperty("waypoint.root");
        if (given != null) {
            return Path.of(given).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isExecutable(p.resolve("scripts/jvm-flags"))) {
                return p;
            }
        }
        throw new IllegalStateException("bench: cannot find the repository (scripts/jvm-flags) from "
                + Path.of("").toAbsolutePath() + ": run from the repository or pass -Dwaypoint.root=DIR");
    }

    /** The module's runnable jar, built first if missing or stale ({@code scripts/build-jar}). */
    public static Path jar(String module) {
        return Path.of(lastLine(run(root().resolve("scripts/build-jar").toString(), module)));
    }

    /** The flags the module's launcher runs it with. */
    public static List<String> flags(String module, Path jar) {
        String line = lastLine(run(root().resolve("scripts/jvm-flags").toString(), module, jar.toString()));
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }

    /**
     * Starts {@code module}'s jar with its launcher's flags, then {@code extraJvm} (system properties the
     * benchmark reads back, never a tuning flag), then {@code args}. Stdin is closed: no technician.
     */
    public static LaunchedJvm start(String module, List<String> extraJvm, List<String> args, Path output) {
        Path jar = jar(module);
        List<String> launcherFlags = flags(module, jar);
        List<String> cmd = new ArrayList<>();
        cmd.add("java");
        cmd.addAll(launcherFlags);
        cmd.addAll(extraJvm);
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.addAll(args);
        try {
            Files.createDirectories(output.getParent());
            long outputStart = Files.exists(output) ? Files.size(output) : 0;
            ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            long started = System.nanoTime();
            Process p = b.start();
            p.getOutputStream().close();
            return new LaunchedJvm(module, p, output, outputStart, started, launcherFlags);
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot start " + module + " (" + String.join(" ", cmd) + "): "
                    + e.getMessage(), e);
        }
    }

    /** System.nanoTime just before the process was started. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The launcher's flags it runs with. */
    public List<String> flags() {
        return flags;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * What this process has printed so far: not what an earlier run in the same directory left in the file (a
     * wait for a line must not return on the last run's line).
     */
    public String output() {
        try {
            byte[] all = Files.readAllBytes(output);
            int from = (int) Math.min(outputStart, all.length);
            return new String(all, from, all.length - from, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last lines of its output, for an error message. */
    public String tail() {
        String[] lines = output().split("\n");
        return String.join(" | ", Arrays.asList(lines).subList(Math.max(0, lines.length - 5), lines.length));
    }

    /** SIGTERM, as systemd stops it; returns the exit code, or -1 if it had to be killed after 30 s. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Override
    public String toString() {
        return module + " pid " + process.pid();
    }

    private static String run(String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bench: " + String.join(" ", cmd) + " exited with " + p.exitValue());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("bench: cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", cmd), e);
        }
    }

    private static String lastLine(String out) {
        String[] lines = out.strip().split("\n");
        return lines[lines.length - 1].strip();
    }
}
