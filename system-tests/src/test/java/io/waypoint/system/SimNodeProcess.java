package io.waypoint.system;

import io.waypoint.testkit.JavaProcess;
import io.waypoint.well.SensorNodeMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The well node as its own process on hal-sim, exactly as {@code scripts/sensor-node --hal sim} runs it. */
final class WellNodeProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private WellNodeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static WellNodeProcess start(Path dir, String brokerUrl, String node, String scenario, double speed, String... configLines)
            throws IOException {
        Files.createDirectories(dir);
        Path conf = dir.resolve("node.conf");
        Files.writeString(conf, String.join("\n", configLines) + "\n");
        Path out = Files.createTempFile(dir, "node-", ".out");
        List<String> args = new ArrayList<>(List.of("--config", conf.toString(), "--broker", brokerUrl, "--site", "la-gloria",
                "--node", node, "--hal", "sim", "--scenario", scenario, "--speed", Double.toString(speed),
                "--data", dir.resolve("data").toString()));
        Process p = JavaProcess.start(SensorNodeMain.class, out, List.of(), args.toArray(String[]::new));
        p.getOutputStream().close(); // no technician on stdin
        return new WellNodeProcess(p, out);
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
