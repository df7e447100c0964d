package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.gateway.store.GatewayStore;
import io.waypoint.gateway.store.GatewayStore.SequenceState;
import io.waypoint.gateway.store.GatewayStore.StoredMessage;
import io.waypoint.testkit.FreePorts;
import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.testkit.MosquittoBroker;
import io.waypoint.testkit.MqttProbe;
import io.waypoint.wire.ClockState;
import io.waypoint.wire.Envelope;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import io.waypoint.wire.WireCodec;
import io.waypoint.time.ManualScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage part of the fault matrix, across processes with a real Mosquitto: a week offline with
 * a bounded outbox, a full disk, a read-only data dir, damaged files at the node and the gateway.
 * Each counts what arrived and where it was filed.
 */
class StorageFaultTest {
    private static final Duration LONG = Duration.ofSeconds(90);
    private static final Pattern OUTBOX_DROPPED = Pattern.compile("\"outbox_dropped\":(\\d+)");

    @TempDir
    Path dir;

    private static long segmentBytes(Path outbox) throws IOException {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(p -> p.toString().endsWith(".seg")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void aWeekOfflineDrainsInOrderDroppingOnlyTheOldestBeyondTheOutboxBytesAndTheGatewayRecordsTheLoss() throws Exception {
        int port = FreePorts.next();
        String url = "tcp://127.0.0.1:" + port;
        int week = 7 * 24 * 60; // a telemetry summary a minute
        long outboxBytes = 2L * 1024 * 1024; // about half of the week: 256 KiB files
        Instant weekAgo = Instant.now().minus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MINUTES);
        long dropped;
        // the site's broker keeps the gateway's session on disk, as a site's config should: whoever of the node and the
        // gateway reconnects first, nothing the node sends is lost at the broker, so "in order" is the node's order
        try (MosquittoBroker broker = MosquittoBroker.startOn(port, dir.resolve("broker"), true, List.of());
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), url).start()) {
            assertThat(gateway.stop()).isZero();
            broker.stop();
            try (NodeProcess node = NodeProcess.start(dir.resolve("node"), url, "la-gloria", "well-07", week, 0, 5000,
                    "outbox_bytes=" + outboxBytes, "sim_start=" + weekAgo, "sim_step_s=60")) {
                await("a week buffered offline").atMost(LONG).until(() -> node.after("outbox dropped").isPresent());
                dropped = Long.parseLong(node.after("outbox dropped").orElseThrow());
                long held = segmentBytes(dir.resolve("node").resolve("data").resolve("outbox"));
                System.out.printf("a week offline: %d messages, %d dropped, %d bytes held of %d allowed%n", week, dropped, held,
                        outboxBytes);
                // dropped only once full: what is held fills the bound to within the one file a drop frees
                assertThat(held).isLessThanOrEqualTo(outboxBytes).isGreaterThan(outboxBytes - 256 * 1024);
                assertThat(dropped).isPositive().isLessThan(week);

                broker.restart();
                gateway.start();
                long t0 = System.nanoTime();
                // done: the gateway acknowledged up to the last seq, so it did not wait for the dropped ones
                await("backlog acknowledged").atMost(LONG).pollInterval(Duration.ofMillis(50)).until(node::done);
                System.out.printf("the week's %d held messages drained and acknowledged in %.1f s%n", week - dropped,
                        (System.nanoTime() - t0) / 1e9);
                assertThat(gateway.stop()).isZero();
                assertThat(gateway.output()).contains(dropped + " message(s) below seq " + (dropped + 1)).contains("recorded as lost");
            }
        }
        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw").resolve("data"))) {
            List<StoredMessage> stored = store.messages("la-gloria", "well-07", "telemetry");
            // the newest survive, each once, without a hole: the oldest went, and only they
            assertThat(stored).extracting(StoredMessage::seq).containsExactlyElementsOf(
                    LongStream.rangeClosed(dropped + 1, week).boxed().toList());
            // delivered in order, and filed on their days of the week
            for (int i = 1; i < stored.size(); i++) {
                assertThat(stored.get(i).received()).isAfterOrEqualTo(stored.get(i - 1).received());
            }
            assertThat(stored.get(0).filedAt()).isEqualTo(weekAgo.plus(Duration.ofMinutes(dropped)));
            assertThat(stored).allMatch(m -> m.synced() && m.filedAt().equals(m.ts()));
            // the gap is recorded as loss the node reported, exactly
            long boot = stored.get(0).boot();
            assertThat(store.sequences()).contains(new SequenceState("la-gloria", "well-07", boot, week, dropped));
            // outbox_dropped rode on telemetry; reports carried by messages dropped later went with them,
            // which first_seq makes up for: it is what counted the loss above
            long reported = stored.stream().mapToLong(m -> {
                Matcher x = OUTBOX_DROPPED.matcher(m.body());
                return x.find() ? Long.parseLong(x.group(1)) : 0;
            }).sum();
            System.out.printf("outbox_dropped reported in stored telemetry: %d of %d; first_seq: all %d%n", reported, dropped, dropped);
            assertThat(reported).isLessThanOrEqualTo(dropped);
        }
    }

    /** The light's changes the watcher printed, in order: true for on. */
    private static List<Boolean> lightChanges(String output) {
        List<Boolean> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("light on at ")) {
                out.add(true);
            } else if (line.startsWith("light off at ")) {
                out.add(false);
            }
        }
        return out;
    }

    /**
     * The light still follows the water once the disk refuses: it switched at least once after {@code marker}, and
     * its last two changes are on, then off (the rain's mud came and went). Not "both after the marker": on a loaded
     * machine the node starts slowly and the rain, minutes of simulated time in, can come before the disk refuses.
     */
    private static boolean lightWentOnAndOffAfter(String output, String marker) {
        int from = output.indexOf(marker);
        List<Boolean> all = lightChanges(output);
        return from >= 0 && !lightChanges(output.substring(from)).isEmpty()
                && all.size() >= 2 && all.get(all.size() - 2) && !all.get(all.size() - 1);
    }

    /** Waits for the node's output to show {@code what}; if it never does, the failure shows the output's end. */
    private static void awaitOutput(SimNodeProcess node, String what, java.util.function.Predicate<String> shows) {
        try {
            await(what).atMost(LONG).until(() -> shows.test(node.output()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            List<String> lines = node.output().lines().toList();
            throw new AssertionError(what + ": not within " + LONG.toSeconds() + " s; the node's output ended with:\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size())), e);
        }
    }

    private static long count(List<StoredMessage> events, String... parts) {
        return events.stream().filter(m -> Stream.of(parts).allMatch(m.body()::contains)).count();
    }

    @Test
    void aFullDiskStopsNeitherTheNodeNorItsLightAndTheFaultReachesTheGatewayWhenTheLinkAllows() throws Exception {
        // no root needed: every file the node writes is capped at 16 KiB (the soft RLIMIT_FSIZE, which the test may lift later;
        // the JVM ignores SIGXFSZ, so a write past it fails with EFBIG, "File too large", as a full card fails with ENOSPC)
        List<String> fullDisk = List.of("bash", "-c", "ulimit -S -f 16 && exec \"$@\"", "full-disk");
        String refused = "the disk refuses messages";
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             SimNodeProcess node = SimNodeProcess.watchedWell(fullDisk, dir.resolve("node"), broker.url(), "well-05",
                     "turbid-after-rain", 480, "[telemetry]", "interval = 10s")) {
            // the outbox fills its file within seconds; the node says so and goes on
            awaitOutput(node, "the disk refuses messages", out -> out.contains(refused));
            assertThat(node.output()).contains("File too large");
            // the light follows the rain's mud on a full card
            awaitOutput(node, "the light on and off again", out -> lightWentOnAndOffAfter(out, refused));
            // the card has room again (someone cleared old logs): the node takes to its outbox again and says so
            Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(node.pid()), "--fsize=unlimited")
                    .redirectErrorStream(true).start();
            assertThat(prlimit.waitFor()).as("prlimit: %s", new String(prlimit.getInputStream().readAllBytes())).isZero();
            awaitOutput(node, "the disk takes messages again", out -> out.contains("the disk takes messages again"));
            Thread.sleep(1000); // a few more summaries, from the outbox this time
            assertThat(node.isAlive()).isTrue();
            assertThat(node.stop()).as("a clean stop after all that").isZero();
            assertThat(gateway.stop()).isZero();
            // one process all along: it never exited to be restarted
            assertThat(node.output().lines().filter(l -> l.contains("INFO  starting WellNodeConfig[la-gloria/well-05"))).hasSize(1);
        }
        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw").resolve("data"))) {
            List<StoredMessage> events = store.messages("la-gloria", "well-05", "event");
            List<StoredMessage> telemetry = store.messages("la-gloria", "well-05", "telemetry");
            long full = count(events, "\"type\":\"fault\"", "\"part\":\"storage\"", "\"reason\":\"disk_full\"");
            long cleared = count(events, "\"type\":\"fault_cleared\"", "\"part\":\"storage\"");
            long lightOn = count(events, "\"type\":\"do_not_drink\"", "\"on\":true");
            long lightOff = count(events, "\"type\":\"do_not_drink\"", "\"on\":false");
            System.out.printf("full disk: %d telemetry and %d events stored (fault %d, cleared %d, light on %d, off %d)%n",
                    telemetry.size(), events.size(), full, cleared, lightOn, lightOff);
            assertThat(full).isEqualTo(1);
            assertThat(cleared).isEqualTo(1);
            assertThat(lightOn).isEqualTo(1);
            assertThat(lightOff).isEqualTo(1);
            // the summaries made while the card was full were held in memory and delivered: no hole
            assertThat(telemetry).extracting(StoredMessage::boot).containsOnly(1L);
            List<Long> seqs = new ArrayList<>(telemetry.stream().map(StoredMessage::seq).toList());
            seqs.addAll(events.stream().map(StoredMessage::seq).toList());
            assertThat(seqs).hasSize((int) (long) java.util.Collections.max(seqs));
            assertThat(store.sequences()).singleElement().extracting(SequenceState::lost).isEqualTo(0L);
        }
    }

    /** Makes everything under {@code root} read-only (r-x directories, r-- files), or writable again. */
    private static void setWritable(Path root, boolean writable) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.toList()) {
                boolean directory = Files.isDirectory(p);
                String mode = writable ? (directory ? "rwxr-xr-x" : "rw-r--r--") : (directory ? "r-xr-xr-x" : "r--r--r--");
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
            }
        }
    }

    /**
     * How to run a child for which a read-only directory really is read-only. For an ordinary user,
     * plainly. Tests may run as root, whose CAP_DAC_OVERRIDE writes through any permission bits; a
     * read-only bind mount or an immutable file needs more privilege than a container gives, so the
     * child runs through {@code setpriv} without the capabilities that override file permissions
     * (DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER): still uid 0, but held to the bits like anyone.
     */
    private static List<String> readOnlyWrapper(Path readOnly) throws Exception {
        Path probe = readOnly.resolve("write-probe");
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (java.nio.file.AccessDeniedException e) {
            return List.of();
        }
        List<String> setpriv = List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search,-fowner",
                "--bounding-set=-dac_override,-dac_read_search,-fowner");
        List<String> touch = new ArrayList<>(setpriv);
        touch.addAll(List.of("touch", probe.toString()));
        Process p = new ProcessBuilder(touch).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        Assumptions.assumeTrue(p.waitFor() != 0 && !Files.exists(probe),
                "this machine offers no way to make a directory read-only for a child process (root, and setpriv cannot drop"
                        + " CAP_DAC_OVERRIDE)");
        return setpriv;
    }

    /** Messages an outbox holds unacknowledged (read in this process; the node is not running). */
    private static long heldIn(Path outbox) throws IOException {
        try (ManualScheduler scheduler = new ManualScheduler(Instant.EPOCH);
             Outbox o = Outbox.open(outbox, OutboxOptions.defaults(), scheduler)) {
            return o.stats().unacknowledged();
        }
    }

    @Test
    void aReadOnlyDataDirStopsNeitherTheNodeNorItsLightItsBacklogStillDrainsAndTheFaultIsReported() throws Exception {
        Path nodeDir = dir.resolve("node");
        Path data = nodeDir.resolve("data");
        // a first run with no broker to reach leaves a backlog in the outbox
        try (SimNodeProcess first = SimNodeProcess.watchedWell(List.of(), nodeDir, "tcp://127.0.0.1:" + FreePorts.next(), "well-06",
                "turbid-after-rain", 480, "[telemetry]", "interval = 10s")) {
            await("a backlog on disk").atMost(LONG).until(() -> Files.isDirectory(data.resolve("outbox"))
                    && segmentBytes(data.resolve("outbox")) > 8 * 1024);
            assertThat(first.stop()).isZero();
        }
        long backlog = heldIn(data.resolve("outbox"));
        String refused = "the disk refuses messages";
        setWritable(data, false); // as a card the kernel remounted read-only after errors
        try {
            List<String> wrapper = readOnlyWrapper(data);
            try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
                 GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
                 SimNodeProcess node = SimNodeProcess.watchedWell(wrapper, nodeDir, broker.url(), "well-06", "turbid-after-rain", 480,
                         "[telemetry]", "interval = 10s")) {
                awaitOutput(node, "the disk refuses messages", out -> out.contains(refused));
                awaitOutput(node, "the light on and off again", out -> lightWentOnAndOffAfter(out, refused));
                assertThat(node.output()).contains("this run uses the unsaved boot");
                assertThat(node.isAlive()).isTrue();
                assertThat(node.stop()).as("a clean stop, read-only as it is").isZero();
                assertThat(gateway.stop()).isZero();
                assertThat(node.output().lines().filter(l -> l.contains("INFO  starting WellNodeConfig[la-gloria/well-06"))).hasSize(1);
            }
        } finally {
            setWritable(data, true);
        }
        assertThat(Files.readString(data.resolve("boot")).strip()).as("nothing was written").isEqualTo("1");
        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw").resolve("data"))) {
            List<StoredMessage> all = new ArrayList<>(store.messages("la-gloria", "well-06", "telemetry"));
            all.addAll(store.messages("la-gloria", "well-06", "event"));
            // the first run's backlog drained from the read-only outbox, all of it
            assertThat(all.stream().filter(m -> m.boot() == 1)).hasSize((int) backlog);
            // the second run: an unsaved boot far above the saved counter, reporting from memory
            List<StoredMessage> second = all.stream().filter(m -> m.boot() != 1).toList();
            assertThat(second).extracting(StoredMessage::boot).allMatch(b -> b > 1L << 32);
            List<StoredMessage> events = second.stream().filter(m -> m.kind().equals("event")).toList();
            System.out.printf("read-only: boot 1 backlog %d drained; unsaved boot %d sent %d messages from memory%n", backlog,
                    second.get(0).boot(), second.size());
            assertThat(count(events, "\"type\":\"fault\"", "\"part\":\"storage\"", "\"reason\":\"read_only\"")).isEqualTo(1);
            assertThat(count(events, "\"type\":\"do_not_drink\"", "\"on\":true")).isEqualTo(1);
            assertThat(count(events, "\"type\":\"do_not_drink\"", "\"on\":false")).isEqualTo(1);
            assertThat(second.stream().filter(m -> m.kind().equals("telemetry"))).hasSizeGreaterThan(20);
            assertThat(second).hasSize((int) second.stream().mapToLong(StoredMessage::seq).max().orElseThrow());
        }
    }

    /** The node's outbox as a previous run left it: {@code count} well summaries of boot 1, one a minute until now. */
    private static void seedOutbox(Path outbox, int count) throws IOException {
        NodeRef ref = new NodeRef("la-gloria", "well-08");
        Instant now = Instant.now();
        try (ManualScheduler scheduler = new ManualScheduler(now);
             Outbox o = Outbox.open(outbox, OutboxOptions.defaults(), scheduler)) {
            for (int seq = 1; seq <= count; seq++) {
                Envelope env = Envelope.of(ref, 1, seq, now.minus(Duration.ofMinutes(count - seq)), ClockState.SYNCED);
                String json = WireCodec.encode(env, new WellTelemetry(60, new Summary(0.3, 0.4, 0.5, 6), new Summary(1, 2, 3, 6), 1,
                        seq, seq, "ok", 0));
                o.append(OutboxMessage.of(1, seq, "wp/v1/la-gloria/well-08/telemetry", json));
            }
        }
    }

    /** Overwrites a few bytes inside the record that holds {@code marker}: its CRC no longer matches. */
    private static void damageRecord(Path file, String marker) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf(marker);
        assertThat(at).as("%s in %s", marker, file).isPositive();
        for (int i = 0; i < 4; i++) {
            bytes[at + marker.length() + 10 + i] = 'X';
        }
        Files.write(file, bytes);
    }

    private static byte[] garbage(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static List<String> corruptCopies(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).filter(n -> n.contains(".corrupt-") || n.startsWith("outbox/corrupt/"))
                    .sorted().toList();
        }
    }

    @Test
    void damagedFilesAtTheNodeAndAGarbageGatewayDatabaseAreSetAsideKeptFromAndReportedNeverWiped() throws Exception {
        Path data = dir.resolve("node").resolve("data");
        seedOutbox(data.resolve("outbox"), 50);
        try (Stream<Path> segments = Files.list(data.resolve("outbox"))) {
            damageRecord(segments.filter(p -> p.toString().endsWith(".seg")).findFirst().orElseThrow(), "\"seq\":25,");
        }
        Files.write(data.resolve("boot"), garbage(40, 1));
        Files.write(data.resolve("flow-total"), garbage(1000, 2));
        Files.writeString(data.resolve("turbidity-calibration"), "# calibration\n3.9 0\n3.1 forty\n");
        Files.write(data.resolve("cartridge"), garbage(300, 3));
        Path gatewayDb = dir.resolve("gw").resolve("data").resolve("gateway.db");
        Files.createDirectories(gatewayDb.getParent());
        byte[] badDb = garbage(64 * 1024, 4);
        Files.write(gatewayDb, badDb);

        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"));
             GatewayProcess gateway = new GatewayProcess(dir.resolve("gw"), broker.url()).start();
             MqttProbe stats = MqttProbe.connect(broker.url(), "wp/v1/_gateway/gw-sys/stats");
             SimNodeProcess node = SimNodeProcess.well(dir.resolve("node"), broker.url(), "well-08", "normal-day", 240)) {
            assertThat(gateway.output()).contains("GATEWAY DATABASE DAMAGED: " + gatewayDb).contains("not a database")
                    .contains("Kept from it: 0 message(s)").contains("What to do:");
            stats.await(LONG, m -> m.payload().contains("\"database_recovered\":1"));
            // seq 25 is gone with its record: once 24 is stored the node sends the rest again saying so
            await("the hole in boot 1 recorded as lost").atMost(LONG)
                    .until(() -> gateway.output().contains("boot 1: 1 message(s) below seq 26"));
            await("five damage reports stored").atMost(LONG).until(() -> gateway.output().lines()
                    .filter(l -> l.contains("la-gloria/well-08 reports file_damaged")).count() == 5);
            assertThat(node.isAlive()).isTrue();
            String log = node.output();
            for (String part : List.of("boot counter file", "outbox file", "turbidity calibration file", "flow total file",
                    "cartridge record file")) {
                assertThat(log).as("the node's log names the %s, where it went, what was kept, what to do", part)
                        .containsPattern(Pattern.quote(part) + " \\S*" + Pattern.quote(data.toString()) + ".*(moved it to|copied it to)");
            }
            assertThat(node.stop()).isZero();
            assertThat(gateway.stop()).isZero();
        }
        // never wiped: every damaged file is still there, under its own name
        List<String> copies = corruptCopies(data);
        System.out.println("set aside at the node: " + copies);
        assertThat(copies).hasSize(5).anyMatch(n -> n.startsWith("boot.corrupt-")).anyMatch(n -> n.startsWith("flow-total.corrupt-"))
                .anyMatch(n -> n.startsWith("turbidity-calibration.corrupt-")).anyMatch(n -> n.startsWith("cartridge.corrupt-"))
                .anyMatch(n -> n.startsWith("outbox/corrupt/"));
        try (Stream<Path> aside = Files.list(gatewayDb.getParent())) {
            Path moved = aside.filter(p -> p.getFileName().toString().startsWith("gateway.db.corrupt-")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(moved)).isEqualTo(badDb);
        }
        try (GatewayStore store = GatewayStore.sqlite(dir.resolve("gw").resolve("data"))) {
            assertThat(store.recovery()).isEmpty();
            // what the damaged outbox still held: 49 of boot 1, and the lost one counted
            List<StoredMessage> boot1 = store.messages("la-gloria", "well-08", "telemetry").stream().filter(m -> m.boot() == 1).toList();
            assertThat(boot1).extracting(StoredMessage::seq).hasSize(49).doesNotContain(25L);
            assertThat(store.sequences()).contains(new SequenceState("la-gloria", "well-08", 1, 50, 1));
            List<StoredMessage> reports = store.messages("la-gloria", "well-08", "event").stream()
                    .filter(m -> m.body().contains("\"type\":\"file_damaged\"")).toList();
            assertThat(reports).extracting(m -> m.body().replaceAll(".*\"part\":\"([^\"]+)\".*", "$1"))
                    .containsExactlyInAnyOrder("boot counter", "outbox", "turbidity calibration", "flow total", "cartridge record");
            assertThat(reports).allMatch(m -> m.body().contains("\"kept\":") && m.body().contains("\"action\":"));
            // the boot counter went on above the outbox's highest boot
            assertThat(reports).allMatch(m -> m.boot() == 2);
        }
    }
}
