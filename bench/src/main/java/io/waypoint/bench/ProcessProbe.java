package io.waypoint.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads a live process's figures from Linux's {@code /proc}. */
public final class ProcessProbe {
    private final long pid;
    private final Path dir;

    public ProcessProbe(long pid) {
        this.pid = pid;
        this.dir = Path.of("/proc", Long.toString(pid));
    }

    public MemoryUse memory() {
        return MemoryUse.parse(read(dir.resolve("status")));
    }

    public CpuTicks cpu() {
        return CpuTicks.parse(read(dir.resolve("stat")).strip());
    }

    public IoCounts io() {
        return IoCounts.parse(read(dir.resolve("io")));
    }

    /** Every thread's CPU ticks, by thread id; a thread that ends while they are read is left out. */
    public Map<Long, CpuTicks> threads() {
        Map<Long, CpuTicks> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path t : tasks) {
                try {
                    out.put(Long.parseLong(t.getFileName().toString()), CpuTicks.parse(Files.readString(t.resolve("stat")).strip()));
                } catch (IOException e) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the threads of process " + pid + " (is it still running?): " + e.getMessage(), e);
        }
        return out;
    }

    /** The kernel's clock ticks per second ({@code getconf CLK_TCK}; 100 if it cannot be asked). */
    public static long ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (is process " + pid + " still running?): " + e.getMessage(), e);
        }
    }
}
