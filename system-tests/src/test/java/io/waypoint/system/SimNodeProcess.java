package io.waypoint.system;

import io.waypoint.testkit.JavaProcess;
import io.waypoint.well.SensorNodeMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node (well or kiosk) as its own process on hal-sim, exactly as {@code scripts/sensor-node} or {@code scripts/kiosk} runs it with {@code --hal sim}. */
final class SimNodeProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private final Path dir;

    private SimNodeProcess(Process process, Path output, Path dir) {
        this.process = process;
        this.output = output;
        this.dir = dir;
    }

    /** Where the node keeps its data (outbox, logs, state files). */
    Path dataDir() {
        return dir.resolve("data");
    }

    Path outputFile() {
        return output;
    }

    /**
     * Where the simulated site keeps its {@link io.waypoint.sim.site.SiteRecord} (board events, counters), across
     * every process started in the same directory.
     */
    Path recordDir() {
        return recordDir(dir);
    }

    static Path recordDir(Path dir) {
        return dir.resolve("sim-record");
    }

    static SimNodeProcess well(Path dir, String brokerUrl, String node, String scenario, double speed, String... configLines)
            throws IOException {
        return start(SensorNodeMain.class, dir, brokerUrl, node, scenario, speed, configLines);
    }

    static SimNodeProcess kiosk(Path dir, String brokerUrl, String node, String scenario, double speed, String... configLines)
            throws IOException {
        return start(io.waypoint.kiosk.KioskMain.class, dir, brokerUrl, node, scenario, speed, configLines);
    }

    /**
     * A well node whose light is watched ({@link WatchedWell}: it prints {@code light on|off at T}),
     * run through {@code wrapper} (a file size limit, dropped privileges: see
     * {@link JavaProcess#startWrapped}); an empty wrapper runs it plainly.
     */
    static SimNodeProcess watchedWell(List<String> wrapper, Path dir, String brokerUrl, String node, String scenario, double speed,
                                      String... configLines) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, String.join("\n", configLines) + "\n");
        Path out = Files.createTempFile(dir, "node-", ".out");
        String[] args = {"--config", conf.toString(), "--broker", brokerUrl, "--site", "la-gloria", "--node", node, "--hal", "sim",
                "--scenario", scenario, "--speed", Double.toString(speed), "--data", dir.resolve("data").toString()};
        // no perf data file: it is a file too, and a file size limit is meant for the node's own
        List<String> jvm = List.of("-XX:-UsePerfData");
        Process p = wrapper.isEmpty() ? JavaProcess.start(WatchedWell.class, out, jvm, args)
                : JavaProcess.startWrapped(wrapper, WatchedWell.class, out, jvm, args);
        p.getOutputStream().close();
        return new SimNodeProcess(p, out, dir);
    }

    /** The process id (of the JVM itself: a wrapper execs it); the life of its lines in the site record. */
    long pid() {
        return process.pid();
    }

    static SimNodeProcess start(Class<?> main, Path dir, String brokerUrl, String node, String scenario, double speed,
                                String... configLines) throws IOException {
        return start(main, dir, brokerUrl, node, scenario, speed, false, configLines);
    }

    /** @param console keep stdin open, so the test can {@link #type} at the technician console */
    static SimNodeProcess start(Class<?> main, Path dir, String brokerUrl, String node, String scenario, double speed,
                                boolean console, String... configLines) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, String.join("\n", configLines) + "\n");
        Path out = Files.createTempFile(dir, "node-", ".out");
        List<String> args = new ArrayList<>(List.of("--config", conf.toString(), "--broker", brokerUrl, "--site", "la-gloria",
                "--node", node, "--hal", "sim", "--scenario", scenario, "--speed", Double.toString(speed),
                "--data", dir.resolve("data").toString()));
        Process p = JavaProcess.start(main, out, List.of("-D" + io.waypoint.sim.site.SiteRecord.DIRECTORY + "=" + recordDir(dir)),
                args.toArray(String[]::new));
        if (!console) {
            p.getOutputStream().close(); // no technician on stdin
        }
        return new SimNodeProcess(p, out, dir);
    }

    /** Types a line at the technician console on the node's stdin (started with {@code console}). */
    void type(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            return "";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
            return -1;
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
