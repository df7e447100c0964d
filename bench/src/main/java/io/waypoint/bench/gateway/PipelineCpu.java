package io.waypoint.bench.gateway;

import io.waypoint.bench.CpuTicks;
import io.waypoint.bench.ProcessProbe;
import io.waypoint.bench.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What a message cost each party in CPU, in µs, over a timed load (a drain, from its start to the last
 * acknowledgement; the ingest figure's publishing): the gateway (and within it the ingest, store and
 * uplink threads and the JIT compiler), the broker, and the sender in this JVM (a node link, or the
 * ingest figure's publishers; this JVM's own JIT compiler is reported apart: it is the harness's, still
 * at work on code the runs share), with how busy the machine's cores were. On a machine where all three
 * share the cores, the load can only be as fast as their sum allows: {@code cores × 10⁶ / total}
 * messages a second at best.
 */
record PipelineCpu(double gateway, double ingest, double store, double uplink, double jit, double broker, double node,
                double nodeJit, double machineBusy) {

    double total() {
        return gateway + broker + node;
    }

    /** Each part's median over the runs (so the parts need not add up to the median gateway). */
    static PipelineCpu median(List<PipelineCpu> runs) {
        return new PipelineCpu(median(runs, PipelineCpu::gateway), median(runs, PipelineCpu::ingest), median(runs, PipelineCpu::store),
                median(runs, PipelineCpu::uplink), median(runs, PipelineCpu::jit), median(runs, PipelineCpu::broker),
                median(runs, PipelineCpu::node), median(runs, PipelineCpu::nodeJit), median(runs, PipelineCpu::machineBusy));
    }

    private static double median(List<PipelineCpu> runs, ToDoubleFunction<PipelineCpu> part) {
        return Samples.of(runs.stream().map(part::applyAsDouble).toList()).median();
    }

    /** Gateway, its threads, broker and node in µs a message, and the machine's busy share. */
    String line() {
        return line("node");
    }

    /** As {@link #line()}, the sender in this JVM called {@code sender}. */
    String line(String sender) {
        return String.format(java.util.Locale.ROOT, "gateway %.0f (ingest %.0f, store %.0f, uplink %.0f, JIT %.0f), broker %.0f, "
                + "%s %.0f (this JVM's JIT %.0f) µs a message; cores %.0f%% busy", gateway, ingest, store, uplink, jit, broker, sender,
                node, nodeJit, machineBusy * 100);
    }

    /** Readings of the three processes and of the machine, taken at {@link #start}. */
    static final class Meter {
        private static final long TICKS_PER_SECOND = ProcessProbe.ticksPerSecond();
        private final ProcessProbe gateway;
        private final ProcessProbe broker;
        private final ProcessProbe node = new ProcessProbe(ProcessHandle.current().pid());
        private final Map<Long, CpuTicks> gatewayThreads;
        private final Map<Long, CpuTicks> nodeThreads;
        private final long gatewayTicks;
        private final long brokerTicks;
        private final long nodeTicks;
        private final long[] machine;

        private Meter(long gatewayPid, long brokerPid) {
            gateway = new ProcessProbe(gatewayPid);
            broker = new ProcessProbe(brokerPid);
            gatewayThreads = gateway.threads();
            nodeThreads = node.threads();
            gatewayTicks = gateway.cpu().total();
            brokerTicks = broker.cpu().total();
            nodeTicks = node.cpu().total();
            machine = machineTicks();
        }

        static Meter start(long gatewayPid, long brokerPid) {
            return new Meter(gatewayPid, brokerPid);
        }

        PipelineCpu stop(long messages) {
            Map<Long, CpuTicks> threads = gateway.threads();
            Map<Long, CpuTicks> ownThreads = node.threads();
            long[] m = machineTicks();
            double perMessage = 1e6 / TICKS_PER_SECOND / messages;
            long busy = m[0] - machine[0];
            long idle = m[1] - machine[1];
            return new PipelineCpu(
                    (gateway.cpu().total() - gatewayTicks) * perMessage,
                    threadTicks(gatewayThreads, threads, "ingest") * perMessage,
                    threadTicks(gatewayThreads, threads, "ingest-store") * perMessage,
                    threadTicks(gatewayThreads, threads, "uplink-") * perMessage,
                    threadTicks(gatewayThreads, threads, "C1 Compiler", "C2 Compiler") * perMessage,
                    (broker.cpu().total() - brokerTicks) * perMessage,
                    (node.cpu().total() - nodeTicks) * perMessage,
                    threadTicks(nodeThreads, ownThreads, "C1 Compiler", "C2 Compiler") * perMessage,
                    busy + idle == 0 ? 0 : (double) busy / (busy + idle));
        }

        /** Ticks from {@code then} to {@code now} of the threads named {@code prefixes} (the kernel keeps 15 characters of a name). */
        static long threadTicks(Map<Long, CpuTicks> then, Map<Long, CpuTicks> now, String... prefixes) {
            long sum = 0;
            for (Map.Entry<Long, CpuTicks> e : now.entrySet()) {
                String name = e.getValue().name();
                boolean named = false;
                for (String p : prefixes) {
                    // "ingest" is a whole name: "ingest-store" is the store's
                    named |= p.endsWith("-") || p.contains(" ") ? name.startsWith(p) : name.equals(p);
                }
                if (named) {
                    CpuTicks before = then.get(e.getKey());
                    sum += e.getValue().total() - (before == null ? 0 : before.total());
                }
            }
            return sum;
        }

        /** The machine's busy and idle (with iowait) ticks over all cores, from the first line of /proc/stat. */
        private static long[] machineTicks() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long all = 0;
                for (int i = 1; i <= 8 && i < f.length; i++) { // user .. steal; guest time is counted in user already
                    all += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
                return new long[] {all - idle, idle};
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc/stat: " + e.getMessage(), e);
            }
        }
    }
}
