package io.waypoint.bench;

/**
 * The CPU time of a process or of one of its threads, from {@code /proc/PID/stat} or
 * {@code /proc/PID/task/TID/stat}, in clock ticks ({@code getconf CLK_TCK}, 100 on Linux).
 *
 * @param name   the name in parentheses (a thread's name, at most 15 characters)
 * @param user   utime: ticks spent in user mode
 * @param system stime: ticks spent in the kernel on its behalf
 */
public record CpuTicks(String name, long user, long system) {

    /**
     * Reads one stat line. The name may hold spaces and parentheses ({@code serial-rx /dev/}), so the
     * fields are counted from the last closing parenthesis.
     *
     * @throws IllegalArgumentException if the line is not a stat line
     */
    public static CpuTicks parse(String statLine) {
        int open = statLine.indexOf('(');
        int close = statLine.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line (no name in parentheses): " + shortened(statLine));
        }
        String[] f = statLine.substring(close + 2).trim().split("\\s+");
        // after the name: state(3) ppid(4) ... utime is field 14, stime 15 of the whole line
        if (f.length < 13) {
            throw new IllegalArgumentException("not a /proc stat line (" + f.length + " fields after the name): " + shortened(statLine));
        }
        return new CpuTicks(statLine.substring(open + 1, close), Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    public long total() {
        return user + system;
    }

    private static String shortened(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
