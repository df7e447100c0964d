package io.waypoint.bench;

/**
 * A process's I/O counters from {@code /proc/PID/io}.
 *
 * @param wchar      bytes passed to write-family system calls (files, sockets, pipes alike)
 * @param writeBytes bytes the process caused to be sent to storage (page cache pages dirtied, at page
 *                   granularity; 0 on file systems without block accounting such as tmpfs)
 */
public record IoCounts(long wchar, long writeBytes) {

    /** Reads the text of {@code /proc/PID/io}; throws IllegalArgumentException naming a missing field. */
    public static IoCounts parse(String io) {
        return new IoCounts(field(io, "wchar"), field(io, "write_bytes"));
    }

    private static long field(String io, String name) {
        for (String line : io.split("\n")) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalArgumentException("/proc io has no " + name + " line");
    }
}
