package io.waypoint.bench.node;

import static org.awaitility.Awaitility.await;

import io.waypoint.bench.CpuTicks;
import io.waypoint.bench.Figure;
import io.waypoint.bench.IoCounts;
import io.waypoint.bench.LaunchedJvm;
import io.waypoint.bench.MemoryUse;
import io.waypoint.bench.ProcessProbe;
import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.sim.site.SiteRecord;
import io.waypoint.sim.site.WellSite;
import io.waypoint.testkit.FreePorts;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node-side figures of issue 6 ("Performance"), measured on real processes: the nodes' own jars
 * started with exactly the flags their launchers use ({@code scripts/jvm-flags}), on hal-sim, against a
 * Mosquitto started here on a free port, with the gateway acknowledging where a row needs it.
 *
 * <p><b>Invocation</b> (what {@code scripts/bench} runs), from the repository root or with
 * {@code -Dwaypoint.root=DIR}:
 * <pre>
 * java -cp &lt;bench classpath&gt; io.waypoint.bench.node.NodeFigures [--runs N] [--quick] [--only ROW]
 * </pre>
 * It builds the node and gateway jars if they are missing or stale ({@code scripts/build-jar}), needs
 * Linux {@code /proc}, {@code mosquitto} and {@code socat} (scripts/test installs both), prints one
 * {@link Figure#line()} per row on stdout and its progress on stderr; a row that fails prints why on
 * stderr and costs only itself. Exit code 0 if every row was measured, 1 otherwise, 2 for bad arguments.
 * {@code --runs N} (default 5) is the number of runs of the cheap rows (start-up: N starts of each node;
 * idle CPU: N windows); {@code --quick} makes every row shorter (3 runs, 20 s windows, 1 simulated day
 * for memory, the pulse hour at 120x) for a smoke test; {@code --only ROW} measures only the rows whose
 * name contains ROW (e.g. {@code memory}, {@code start-up}). About 15 minutes in full (5 of them the kiosk's 10
 * simulated days), 4 quick.
 *
 * <p>Rows (the how column of each line says what was run):
 * <ul>
 * <li><b>start-up</b>: process start to its retained birth seen on the broker, each node, median of N.</li>
 * <li><b>node idle CPU</b>: utime+stime of the well node's own threads (hal-sim's {@code sim-*} threads,
 *     which stand in for silicon, left out) over windows of wall time, with its Modbus probe open on a
 *     socat pseudo-terminal and sampled every 10 s, no water flowing; median of N windows.</li>
 * <li><b>wire bytes</b>: MQTT bytes both ways through a relay per telemetry interval, each node, at 60x,
 *     plus the keep-alive pings a real minute can cost.</li>
 * <li><b>disk bytes per buffered message</b>: a well node offline; its outbox files ÷ the payload bytes of
 *     the messages in them.</li>
 * <li><b>pulse fidelity</b>: a steady 250 Hz for a simulated hour; pulses the simulated meter handed the
 *     node against those it counted.</li>
 * <li><b>node memory</b>: VmRSS of each node after 10 simulated days (both at once, one run each).</li>
 * </ul>
 */
public final class NodeFigures {
    static final String SITE = "bench";
    private static final Pattern COUNTED = Pattern.compile("(\\d+) pulses counted since it opened, (\\d+) rejected as phantom");

    private final Path work;
    private final int runs;
    private final boolean quick;
    /** Only rows whose name contains this, or null for all. */
    private final String only;
    private final long ticksPerSecond = ProcessProbe.ticksPerSecond();
    private MosquittoBroker broker;
    private BrokerWatch watch;
    private int nodeNumber;

    private NodeFigures(Path work, int runs, boolean quick, String only) {
        this.work = work;
        this.runs = runs;
        this.quick = quick;
        this.only = only;
    }

    public static void main(String[] args) throws Exception {
        int runs = 5;
        boolean quick = false;
        String only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--only" -> {
                    if (i + 1 >= args.length) {
                        usage("--only needs a part of a row's name, e.g. memory");
                    }
                    only = args[++i];
                }
                case "--runs" -> {
                    if (i + 1 >= args.length || !args[i + 1].matches("[1-9][0-9]?")) {
                        usage("--runs needs a number of runs from 1 to 99");
                    }
                    runs = Integer.parseInt(args[++i]);
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (quick && Stream.of(args).noneMatch("--runs"::equals)) {
            runs = 3;
        }
        // stdout carries the FIGURE lines; the log of what this process opens itself (an outbox) goes to stderr
        org.tinylog.configuration.Configuration.set("writer", "console");
        org.tinylog.configuration.Configuration.set("writer.stream", "err");
        Path work = Files.createTempDirectory("node-figures-");
        boolean all = new NodeFigures(work, runs, quick, only).measureAll();
        System.exit(all ? 0 : 1);
    }

    private static void usage(String problem) {
        System.err.println("node figures: " + problem + "; usage: NodeFigures [--runs N] [--quick] [--only ROW]");
        System.exit(2);
    }

    private boolean measureAll() throws Exception {
        progress("work dir %s, %d runs%s; node flags: %s", work, runs, quick ? ", quick" : "",
                String.join(" ", LaunchedJvm.flags("sensor-node", LaunchedJvm.jar("sensor-node"))));
        LaunchedJvm.jar("kiosk-controller");
        broker = MosquittoBroker.start(work.resolve("broker"));
        boolean all = true;
        try (BrokerWatch w = BrokerWatch.connect(broker.url()); LaunchedJvm gateway = startGateway()) {
            watch = w;
            all &= row("start-up sensor-node", () -> List.of(startUp(Node.WELL)));
            all &= row("start-up kiosk-controller", () -> List.of(startUp(Node.KIOSK)));
            all &= row("node idle CPU", () -> List.of(idleCpu()));
            all &= row("wire bytes well", () -> List.of(wireBytes(Node.WELL)));
            all &= row("wire bytes kiosk", () -> List.of(wireBytes(Node.KIOSK)));
            all &= row("disk bytes per buffered message", () -> List.of(diskPerMessage()));
            all &= row("pulse fidelity", () -> List.of(pulseFidelity()));
            all &= row("node memory", this::memory);
            if (gateway.stop() != 0) {
                progress("the gateway did not stop cleanly: %s", gateway.tail());
            }
        } finally {
            broker.close();
        }
        return all;
    }

    /** The two nodes as the benchmark runs them. */
    private enum Node {
        WELL("sensor-node", "well", "normal-day"),
        KIOSK("kiosk-controller", "kiosk", "busy-kiosk");

        final String module;
        final String prefix;
        final String scenario;

        Node(String module, String prefix, String scenario) {
            this.module = module;
            this.prefix = prefix;
            this.scenario = scenario;
        }
    }

    /** One started node: its process, id and directory. */
    private record Started(LaunchedJvm jvm, String id, Path dir) {}

    private Started startNode(Node node, String brokerUrl, String scenario, double speed, List<String> extraJvm, String... config)
            throws IOException {
        String id = node.prefix + "-" + ++nodeNumber;
        Path dir = work.resolve(id);
        Files.createDirectories(dir);
        Path conf = dir.resolve("node.conf");
        List<String> lines = new ArrayList<>(List.of("[console]", "stdin = false"));
        lines.addAll(List.of(config));
        Files.write(conf, lines);
        LaunchedJvm jvm = LaunchedJvm.start(node.module, extraJvm, List.of("--config", conf.toString(), "--broker", brokerUrl,
                "--site", SITE, "--node", id, "--data", dir.resolve("data").toString(), "--hal", "sim", "--scenario", scenario,
                "--speed", Double.toString(speed)), dir.resolve("node.out"));
        return new Started(jvm, id, dir);
    }

    // ---- start-up ------------------------------------------------------------------------------

    private Figure startUp(Node node) throws Exception {
        List<Double> seconds = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            Started s = startNode(node, broker.url(), node.scenario, 1, List.of());
            try (LaunchedJvm jvm = s.jvm()) {
                awaitOrFail(Duration.ofSeconds(60), "the birth of " + s.id(), jvm,
                        () -> watch.birth(SITE, s.id()).isPresent());
                seconds.add((watch.birth(SITE, s.id()).orElseThrow() - jvm.startedNanos()) / 1e9);
                cpu.add(new ProcessProbe(jvm.pid()).cpu().total() / (double) ticksPerSecond);
                jvm.stop();
            }
        }
        double median = CpuShare.median(seconds);
        return new Figure("start-up " + node.module, median, "s", "≤ 1.5 s", median / 1.5, median <= 1.5,
                String.format(Locale.ROOT, "median of %d starts on hal-sim (%s), process start to retained birth on Mosquitto; "
                        + "each %s s; CPU used by then median %.2f s; %s", runs, node.scenario, list(seconds),
                        CpuShare.median(cpu), loadNote()));
    }

    // ---- idle CPU ------------------------------------------------------------------------------

    private Figure idleCpu() throws Exception {
        Path quiet = scenario("quiet-well", "[well]", "people_per_day = 0");
        Duration window = Duration.ofSeconds(quick ? 20 : 60);
        Started s = startNode(Node.WELL, broker.url(), quiet.toString(), 1, List.of(), "[sim]", "turbidity = sen0710");
        List<Double> node = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        try (LaunchedJvm jvm = s.jvm()) {
            awaitOrFail(Duration.ofSeconds(60), "the birth of " + s.id(), jvm, () -> watch.birth(SITE, s.id()).isPresent());
            long warm = System.nanoTime();
            awaitOrFail(Duration.ofSeconds(40), "15 s of warm-up", jvm, () -> System.nanoTime() - warm > 15e9);
            ProcessProbe probe = new ProcessProbe(jvm.pid());
            Predicate<String> nodeThread = name -> !isSimulatorThread(name);
            for (int r = 0; r < runs; r++) {
                Map<Long, CpuTicks> before = probe.threads();
                long t0 = System.nanoTime();
                awaitOrFail(window.plusSeconds(30), "a window of " + window.toSeconds() + " s", jvm,
                        () -> System.nanoTime() - t0 >= window.toNanos());
                Map<Long, CpuTicks> after = probe.threads();
                Duration measured = Duration.ofNanos(System.nanoTime() - t0);
                node.add(CpuShare.percentOfOneCore(CpuShare.ticksBetween(before, after, nodeThread), ticksPerSecond, measured));
                whole.add(CpuShare.percentOfOneCore(CpuShare.ticksBetween(before, after, name -> true), ticksPerSecond, measured));
            }
            long samples = watch.count(SITE, s.id(), "telemetry");
            jvm.stop();
            double median = CpuShare.median(node);
            return new Figure("node idle CPU", median, "% of one core", "≤ 2 % of one core", median / 2, median <= 2,
                    String.format(Locale.ROOT, "well on hal-sim, SEN0710 Modbus probe on a socat pty read every 10 s, no flow, "
                            + "%d telemetry sent; median of %d windows of %d s: %s %% (node's threads; hal-sim's sim-* threads "
                            + "left out: with them %s %%); %s", samples, runs, window.toSeconds(), list(node), list(whole),
                            loadNote()));
        }
    }

    /** Threads that stand in for the board's hardware: the simulated site's, not the node's. */
    static boolean isSimulatorThread(String name) {
        return name.startsWith("sim-");
    }

    // ---- wire bytes ----------------------------------------------------------------------------

    private Figure wireBytes(Node node) throws Exception {
        int intervals = quick ? 6 : 20;
        try (WireTap tap = WireTap.to(broker.port())) {
            Started s = startNode(node, tap.url(), node.scenario, 60, List.of());
            try (LaunchedJvm jvm = s.jvm()) {
                awaitOrFail(Duration.ofSeconds(90), "two telemetry intervals of " + s.id(), jvm,
                        () -> watch.count(SITE, s.id(), "telemetry") >= 2);
                long n0 = watch.count(SITE, s.id(), "telemetry");
                MqttPacketTally.Counts up0 = tap.up().counts();
                MqttPacketTally.Counts down0 = tap.down().counts();
                awaitOrFail(Duration.ofSeconds(intervals * 3L + 60), intervals + " telemetry intervals of " + s.id(), jvm,
                        () -> watch.count(SITE, s.id(), "telemetry") >= n0 + intervals);
                // the acks of the last interval's messages
                long settle = System.nanoTime();
                awaitOrFail(Duration.ofSeconds(5), "a second for the acks", jvm, () -> System.nanoTime() - settle > 1e9);
                long n = watch.count(SITE, s.id(), "telemetry") - n0;
                MqttPacketTally.Counts up = tap.up().counts().minus(up0);
                MqttPacketTally.Counts down = tap.down().counts().minus(down0);
                int keepAlive = tap.up().keepAliveSeconds();
                jvm.stop();
                String telemetry = watch.lastPayload(SITE, s.id(), "telemetry").orElse("");
                int pings = MqttPacketTally.PINGREQ;
                int pongs = MqttPacketTally.PINGRESP;
                double perInterval = (up.bytesExcept(pings, pongs) + down.bytesExcept(pings, pongs)) / (double) n;
                // a real interval is a real minute: at most one keep-alive exchange (2 + 2 bytes) per keep-alive period
                double pingBytes = keepAlive > 0 ? Math.ceil(60.0 / keepAlive) * 4 : 0;
                double value = perInterval + pingBytes;
                return new Figure("wire bytes " + node.prefix, value, "B/interval", "report; ≤ 600 B", value / 600, value <= 600,
                        String.format(Locale.ROOT, "MQTT bytes both ways (not TCP/IP headers) over %d intervals of 60 s at 60x, "
                                + "%s, gateway acking: up %.0f B (PUBLISH %d in %d packets, PUBACK %d), down %.0f B (ack PUBLISH %d, "
                                + "PUBACK %d) per interval, plus at most %.0f B of pings a real minute (keep-alive %d s); the last "
                                + "telemetry payload %d B", n, node.scenario, up.bytesExcept(pings, pongs) / (double) n,
                                up.bytes()[MqttPacketTally.PUBLISH], up.packets()[MqttPacketTally.PUBLISH],
                                up.bytes()[MqttPacketTally.PUBACK], down.bytesExcept(pings, pongs) / (double) n,
                                down.bytes()[MqttPacketTally.PUBLISH], down.bytes()[MqttPacketTally.PUBACK], pingBytes, keepAlive,
                                telemetry.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            }
        }
    }

    // ---- disk bytes per buffered message -------------------------------------------------------

    private Figure diskPerMessage() throws Exception {
        Path quiet = scenario("quiet-well-offline", "[well]", "people_per_day = 0");
        String nowhere = "tcp://127.0.0.1:" + FreePorts.next(); // nothing listens: the node buffers everything
        double speed = 1440;
        Duration run = Duration.ofSeconds(quick ? 20 : 60);
        Started s = startNode(Node.WELL, nowhere, quiet.toString(), speed, List.of());
        Path data = s.dir().resolve("data");
        IoCounts io;
        try (LaunchedJvm jvm = s.jvm()) {
            long t0 = System.nanoTime();
            awaitOrFail(run.plusSeconds(60), run.toSeconds() + " s offline", jvm, () -> System.nanoTime() - t0 >= run.toNanos());
            io = new ProcessProbe(jvm.pid()).io();
            int exit = jvm.stop();
            if (exit != 0) {
                throw new IllegalStateException("the offline well exited with " + exit + ": " + jvm.tail());
            }
        }
        long payload = 0;
        long messages = 0;
        try (ManualScheduler scheduler = new ManualScheduler(Instant.EPOCH);
             Outbox outbox = Outbox.open(data.resolve("outbox"), OutboxOptions.defaults(), scheduler)) {
            for (List<OutboxMessage> batch; !(batch = outbox.nextBatch(1000)).isEmpty(); ) {
                for (OutboxMessage m : batch) {
                    payload += m.payload().length;
                    messages++;
                }
            }
        }
        if (messages == 0) {
            throw new IllegalStateException("the offline well buffered no message in " + data.resolve("outbox"));
        }
        long outboxBytes = bytesUnder(data.resolve("outbox"), p -> !p.getFileName().toString().equals("lock"));
        long dataBytes = bytesUnder(data, p -> true);
        double ratio = outboxBytes / (double) payload;
        return new Figure("disk bytes per buffered message", ratio, "× payload", "≤ 2", ratio / 2, ratio <= 2,
                String.format(Locale.ROOT, "well offline %d s at %.0fx: %d messages, %d B of payload (%.0f B each); outbox files "
                        + "%d B (%.0f B a message); the whole data dir incl. logs and state files %d B (%.2f×); the kernel's "
                        + "write_bytes %d B (%.2f×: whole 4 KiB pages, an fsync at most every 100 ms or 256 messages), wchar %d B",
                        run.toSeconds(), speed, messages, payload, payload / (double) messages, outboxBytes,
                        outboxBytes / (double) messages, dataBytes, dataBytes / (double) payload, io.writeBytes(),
                        io.writeBytes() / (double) payload, io.wchar()));
    }

    private static long bytesUnder(Path dir, Predicate<Path> counted) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(counted).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    // ---- pulse fidelity ------------------------------------------------------------------------

    private Figure pulseFidelity() throws Exception {
        double lpm = 100.0 / 3; // 250 Hz on a YF-S201 (450 pulses a litre above 30 L/min)
        double speed = quick ? 120 : 60;
        Path steady = scenario("steady-250-hz", "[scenario]", "start = 06:00", "[well]", "people_per_day = 0",
                "[event tank]", "kind = steady_flow", "at = 06:02", "lpm = " + lpm, "for = 1h");
        long expected = Math.round(lpm / 60 * 450 * 3600);
        Instant start = Instant.parse("2026-03-02T06:00:00Z");
        Path record = work.resolve("pulse-record");
        Started s = startNode(Node.WELL, broker.url(), steady.toString(), speed, List.of("-D" + SiteRecord.DIRECTORY + "=" + record),
                "[sim]", "start = " + start);
        String output;
        try (LaunchedJvm jvm = s.jvm()) {
            Instant after = start.plus(Duration.ofMinutes(63));
            awaitOrFail(Duration.ofSeconds((long) (3900 / speed) + 120), "the simulated hour of " + s.id(), jvm,
                    () -> watch.lastTs(SITE, s.id(), "telemetry").map(t -> !t.isBefore(after)).orElse(false));
            int exit = jvm.stop();
            output = jvm.output();
            if (exit != 0) {
                throw new IllegalStateException("the well exited with " + exit + ": " + jvm.tail());
            }
        }
        Matcher m = COUNTED.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("the well did not log the pulses it counted at its close: " + s.dir().resolve("node.out"));
        }
        long counted = Long.parseLong(m.group(1));
        long rejected = Long.parseLong(m.group(2));
        long handed = SiteRecord.count(record, WellSite.FLOW_PULSES);
        long lost = Math.abs(handed - counted);
        boolean met = lost == 0 && Math.abs(handed - expected) <= 1;
        return new Figure("pulse fidelity", lost, "pulses lost", "0 lost", Double.NaN, met,
                String.format(Locale.ROOT, "a steady %.2f L/min = 250 Hz for a simulated hour at %.0fx: %d pulses expected "
                        + "(±1 for the rotor's phase), the simulated meter handed the node %d, the node counted %d (%d rejected as "
                        + "phantom)", lpm, speed, expected, handed, counted, rejected));
    }

    // ---- memory --------------------------------------------------------------------------------

    private List<Figure> memory() throws Exception {
        int days = quick ? 1 : 10;
        Instant start = Instant.parse("2026-03-02T06:00:00Z");
        Instant end = start.plus(Duration.ofDays(days));
        double wellSpeed = 5760;
        double kioskSpeed = 2880;
        Started well = startNode(Node.WELL, broker.url(), Node.WELL.scenario, wellSpeed, List.of(), "[sim]", "start = " + start);
        Started kiosk = startNode(Node.KIOSK, broker.url(), Node.KIOSK.scenario, kioskSpeed, List.of(), "[sim]", "start = " + start);
        List<Figure> out = new ArrayList<>();
        try (LaunchedJvm w = well.jvm(); LaunchedJvm k = kiosk.jvm()) {
            for (Started s : List.of(well, kiosk)) {
                double speed = s == well ? wellSpeed : kioskSpeed;
                Duration longest = Duration.ofSeconds((long) (days * 86_400 / speed) * 3 + 120);
                awaitOrFail(longest, days + " simulated days of " + s.id(), s.jvm(),
                        () -> watch.lastTs(SITE, s.id(), "telemetry").map(t -> !t.isBefore(end)).orElse(false));
                MemoryUse mem = new ProcessProbe(s.jvm().pid()).memory();
                long telemetry = watch.count(SITE, s.id(), "telemetry");
                s.jvm().stop();
                Node node = s == well ? Node.WELL : Node.KIOSK;
                out.add(new Figure("node memory " + node.module, mem.rssMib(), "MiB", "≤ 64 MB", mem.rssMib() / 64,
                        mem.rssMib() <= 64, String.format(Locale.ROOT, "VmRSS after %d simulated days on hal-sim (%s at %.0fx, "
                                + "%d telemetry acknowledged by the gateway), both nodes at once, 1 run; VmHWM %.1f MiB, %d threads; "
                                + "the simulator runs inside the node's JVM", days, node.scenario, speed, telemetry, mem.hwmMib(),
                                mem.threads())));
            }
        }
        return out;
    }

    // ---- the gateway and helpers ---------------------------------------------------------------

    private LaunchedJvm startGateway() throws IOException {
        Path dir = work.resolve("gateway");
        Files.createDirectories(dir);
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[gateway]\nid = gw-bench\n");
        LaunchedJvm gw = LaunchedJvm.start("gateway", List.of(), List.of("--config", conf.toString(), "--broker", broker.url(),
                "--data", dir.resolve("data").toString()), dir.resolve("gateway.out"));
        awaitOrFail(Duration.ofSeconds(60), "the gateway's connection", gw, () -> gw.output().contains("uplink gateway.gw-bench: connected"));
        return gw;
    }

    /** A scenario file of these lines in the work dir. */
    private Path scenario(String name, String... lines) throws IOException {
        Path p = work.resolve(name + ".conf");
        Files.write(p, List.of(lines));
        return p;
    }

    /** Waits for {@code done}; fails at once, with the process's last lines, if {@code process} ends first. */
    private static void awaitOrFail(Duration atMost, String what, LaunchedJvm process, BooleanSupplier done) {
        await(what).atMost(atMost).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (done.getAsBoolean()) {
                return true;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(process + " ended while waiting for " + what + ": " + process.tail());
            }
            return false;
        });
    }

    private boolean row(String name, Callable<List<Figure>> measure) {
        if (only != null && !name.contains(only)) {
            return true;
        }
        progress("measuring %s ...", name);
        long t0 = System.nanoTime();
        try {
            for (Figure f : measure.call()) {
                System.out.println(f.line());
                System.out.flush();
            }
            progress("%s: done in %.0f s", name, (System.nanoTime() - t0) / 1e9);
            return true;
        } catch (Exception | AssertionError e) {
            progress("%s: FAILED: %s", name, e);
            return false;
        }
    }

    private static String loadNote() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return "load average " + f[0] + " on " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return "load average unknown";
        }
    }

    private static String list(List<Double> values) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%.2f", v)).toList().toString();
    }

    private static void progress(String format, Object... args) {
        System.err.println("node figures: " + String.format(Locale.ROOT, format, args));
    }
}
