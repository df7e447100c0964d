package io.waypoint.system;

import io.waypoint.testkit.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A {@link LoadNode} process and what it printed: its boot and the seqs it committed. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final Path output;

    private NodeProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts a {@link LoadNode}; {@code options} are its optional ones, {@code key=value}
     * ({@code outbox_bytes=N}, {@code sim_start=ISO}, {@code clock_1970_until=K}...) or
     * {@code --flag value} ({@code --speed 20}...).
     */
    static NodeProcess start(Path dir, String brokerUrl, String site, String node, int count, int rate, long ackTimeoutMs,
                             String... options) throws IOException {
        Files.createDirectories(dir);
        Path out = Files.createTempFile(dir, "node-", ".out");
        List<String> args = new java.util.ArrayList<>(List.of(brokerUrl, dir.resolve("data").toString(), site, node,
                Integer.toString(count), Integer.toString(rate), Long.toString(ackTimeoutMs)));
        args.addAll(List.of(options));
        Process p = JavaProcess.start(LoadNode.class, out, List.of(), args.toArray(String[]::new));
        return new NodeProcess(p, out);
    }

    /** The rest of the first line that starts with {@code prefix}, if it printed one. */
    java.util.Optional<String> after(String prefix) {
        return lines().stream().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip());
    }

    List<String> lines() {
        try {
            return Files.readAllLines(output);
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The highest committed seq it printed for each boot. */
    Map<Long, Long> committed() {
        Map<Long, Long> out = new HashMap<>();
        for (String l : lines()) {
            if (l.startsWith("committed ")) {
                String[] f = l.split(" ");
                out.merge(Long.parseLong(f[1]), Long.parseLong(f[2]), Math::max);
            }
        }
        return out;
    }

    long lastCommitted() {
        return committed().values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** It handed its last message to the link (it may not be acknowledged yet). */
    boolean sentAll() {
        return lines().stream().anyMatch(l -> l.startsWith("sent "));
    }

    boolean done() {
        return lines().stream().anyMatch(l -> l.startsWith("done "));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, the way power loss or the OOM killer ends a process (minus the page cache). */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
