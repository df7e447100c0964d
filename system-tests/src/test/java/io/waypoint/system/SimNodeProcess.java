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

    /** The process id: the life of its lines in the site record. */
    long pid() {
        return process.pid();
    }

    static SimNodeProcess well(Path dir, String brokerUrl, String node, String scenario, double speed, String... configLines)
            throws IOException {
        return start(SensorNodeMain.class, dir, brokerUrl, node, scenario, speed, configLines);
    }

    static SimNodeProcess kiosk(Path dir, String brokerUrl, String node, String scenario, double speed, String... configLines)
            throws IOException {
        return start(io.waypoint.kiosk.KioskMain.class, dir, brokerUrl, node, scenario, speed, configLines);
    }

    static SimNodeProcess start(Class<?> main, Path dir, String brokerUrl, String node, String scenario, double speed,
                                String... configLines) throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, String.join("\n", configLines) + "\n");
        Path out = Files.createTempFile(dir, "node-", ".out");
        List<String> args = new ArrayList<>(List.of("--config", conf.toString(), "--broker", brokerUrl, "--site", "la-gloria",
                "--node", node, "--hal", "sim", "--scenario", scenario, "--speed", Double.toString(speed),
                "--data", dir.resolve("data").toString()));
        Process p = JavaProcess.start(main, out, List.of("-D" + io.waypoint.sim.site.SiteRecord.DIRECTORY + "=" + recordDir(dir)),
                args.toArray(String[]::new));
        p.getOutputStream().close(); // no technician on stdin
        return new SimNodeProcess(p, out, dir);
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
