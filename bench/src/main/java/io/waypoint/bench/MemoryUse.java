package io.waypoint.bench;

/**
 * A process's memory as Linux reports it in {@code /proc/PID/status}.
 *
 * @param rssKib  VmRSS: resident now (anonymous, file-backed and shared pages), KiB
 * @param hwmKib  VmHWM: the highest VmRSS the process reached, KiB
 * @param threads how many threads it has
 */
public record MemoryUse(long rssKib, long hwmKib, int threads) {

    /**
     * Reads the text of {@code /proc/PID/status}.
     *
     * @throws IllegalArgumentException naming the missing field, if VmRSS, VmHWM or Threads is absent
     *                                  (a kernel thread, or not a status file)
     */
    public static MemoryUse parse(String status) {
        return new MemoryUse(field(status, "VmRSS"), field(status, "VmHWM"), (int) field(status, "Threads"));
    }

    public double rssMib() {
        return rssKib / 1024.0;
    }

    public double hwmMib() {
        return hwmKib / 1024.0;
    }

    /** The number of a {@code Name:\tvalue [kB]} line. */
    private static long field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name + ":")) {
                String[] words = line.substring(name.length() + 1).trim().split("\\s+");
                return Long.parseLong(words[0]);
            }
        }
        throw new IllegalArgumentException("/proc status has no " + name + " line: is it a user process's status file?");
    }
}
