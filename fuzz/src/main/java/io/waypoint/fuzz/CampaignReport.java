package io.waypoint.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one target did with one run's inputs.
 *
 * @param accepted       inputs the parser read, by what it read them as
 * @param rejected       inputs refused the documented way, by reason
 * @param crashes        every input that crashed, counted; {@code crashFindings} keeps one per signature
 * @param hangs          inputs that ran past the deadline (the run stops for a target after a few)
 * @param slowest        the input that took most CPU time and finished, or null: where a quadratic path
 *                       shows first
 * @param cpuNanos       CPU time of the threads that ran the inputs: on a shared machine a steadier
 *                       figure than the wall time
 * @param maxHeapBytes   the most heap in use at any sample during the run (garbage included)
 * @param heapGrowthBytes heap in use after a full GC at the end, minus the same before the run: what
 *                        the parser kept
 * @param harnessError    the harness's own failure (a generator that threw), which ended the run; null when none
 */
public record CampaignReport(String target, String description, long seed, long inputs, Map<String, Long> accepted,
                             Map<String, Long> rejected, long crashes, List<Finding> crashFindings,
                             List<Finding> hangs, Finding slowest, long elapsedNanos, long cpuNanos, long maxHeapBytes,
                             long heapGrowthBytes, long heapGrowthLimitBytes, Finding harnessError) {

    public long acceptedTotal() {
        return accepted.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    public double inputsPerSecond() {
        return elapsedNanos == 0 ? 0 : inputs * 1e9 / elapsedNanos;
    }

    public boolean memoryBounded() {
        return heapGrowthBytes <= heapGrowthLimitBytes;
    }

    /** No crash, no hang, the heap came back down, and the harness itself did not fail. */
    public boolean passed() {
        return crashes == 0 && hangs.isEmpty() && memoryBounded() && harnessError == null;
    }

    /** The report's lines, as {@code FuzzMain} prints them. */
    public String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s: %s%n", target, description));
        b.append(String.format(Locale.ROOT, "  inputs    %,d in %.1f s, %,.0f inputs/s; %.1f s of CPU, %,.0f inputs per CPU second (seed %d)%n",
                inputs, elapsedNanos / 1e9, inputsPerSecond(), cpuNanos / 1e9, cpuNanos == 0 ? 0 : inputs * 1e9 / cpuNanos, seed));
        b.append(String.format(Locale.ROOT, "  accepted  %,d%s%n", acceptedTotal(), breakdown(accepted, 6)));
        b.append(String.format(Locale.ROOT, "  rejected  %,d in %d kinds%n", rejectedTotal(), rejected.size()));
        rejected.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> b.append(String.format(Locale.ROOT, "    %,9d  %s%n", e.getValue(), e.getKey())));
        if (rejected.size() > 12) {
            b.append(String.format(Locale.ROOT, "    %,9d  (in %d more kinds)%n", rejected.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).skip(12)
                    .mapToLong(Map.Entry::getValue).sum(), rejected.size() - 12));
        }
        b.append(String.format(Locale.ROOT, "  crashes   %,d%s%n", crashes, crashFindings.isEmpty() ? ""
                : " (" + crashFindings.size() + " distinct)"));
        for (Finding f : crashFindings) {
            b.append("    ").append(f.signature()).append(" on input #").append(f.index()).append(": \"")
                    .append(Finding.printable(f.input(), 160)).append("\"\n");
            for (String line : f.detail().split("\n")) {
                // a message may quote the input: shown escaped, as the input is
                b.append("      ").append(Finding.printable(line.getBytes(StandardCharsets.UTF_8), 400)).append('\n');
            }
        }
        b.append(String.format(Locale.ROOT, "  hangs     %d%n", hangs.size()));
        for (Finding h : hangs) {
            b.append("    input #").append(h.index()).append(" still running after ").append(h.nanos() / 1_000_000)
                    .append(" ms: \"").append(Finding.printable(h.input(), 160)).append("\"\n");
            b.append("      ").append(h.detail().replace("\n", "\n      ")).append('\n');
        }
        if (slowest != null) {
            b.append(String.format(Locale.ROOT, "  slowest   %.1f ms of CPU, input #%d of %,d bytes%n", slowest.nanos() / 1e6,
                    slowest.index(), slowest.input().length));
        }
        b.append(String.format(Locale.ROOT, "  heap      max %.0f MiB in use during the run; %+.1f MiB kept after GC (limit %.0f MiB)%s%n",
                maxHeapBytes / 1048576.0, heapGrowthBytes / 1048576.0, heapGrowthLimitBytes / 1048576.0,
                memoryBounded() ? "" : ": UNBOUNDED"));
        if (harnessError != null) {
            b.append("  HARNESS ERROR at input #").append(harnessError.index()).append(" (the run stopped there):\n      ")
                    .append(harnessError.detail().replace("\n", "\n      ")).append('\n');
        }
        b.append("  verdict   ").append(passed() ? "passed" : "FAILED").append('\n');
        return b.toString();
    }

    private static String breakdown(Map<String, Long> counts, int limit) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(limit)
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", ", " (", counts.size() > limit ? ", ...)" : ")"));
    }
}
