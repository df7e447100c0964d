package io.waypoint.system;

import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.outbox.OutboxOptions;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import io.waypoint.wire.WellTelemetry;
import io.waypoint.wire.WellTelemetry.Summary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A node process for fault tests: streams {@code count} well telemetry messages through a real
 * node link at {@code rate} per second, prints {@code committed BOOT SEQ} after each group commit and
 * {@code done BOOT} once the gateway acknowledged everything, then keeps running until killed. Each
 * telemetry carries the link's {@code outbox_dropped}, as the well node's does.
 *
 * <p>Usage: {@code LoadNode BROKER DATA_DIR SITE NODE COUNT RATE ACK_TIMEOUT_MS [OPTION=VALUE...]}, options:
 * <ul>
 * <li>{@code outbox_bytes=N}: the outbox's size limit (the field default otherwise);</li>
 * <li>{@code sim_start=ISO} and {@code sim_step_s=S}: the messages are stamped from {@code sim_start}, one
 *     every {@code S} seconds of simulated time, however fast they are sent (a week in seconds);</li>
 * <li>{@code clock_1970_until=K}: the clock of a board without RTC: it reads 1970-01-01 plus the
 *     process's uptime until message K is sent, then jumps to the real time, as NTP would set it
 *     (prints {@code clock jumped after seq K at INSTANT}). An injected clock offset for tests: the
 *     node link's real stamping and clock-state rule judge it.</li>
 * <li>{@code --speed F}: the messages' {@code ts} come from a simulated clock running F times
 *     faster than the wall clock from now (or from {@code --start}), so {@code COUNT / RATE} wall
 *     seconds are {@code F} times as many of the node's time; the link's own timing (acks,
 *     reconnects, commits) stays real time, as in a node on the simulator;</li>
 * <li>{@code --start ISO}: where that simulated clock starts;</li>
 * <li>{@code --unsafe FROM-TO}: messages FROM to TO (1-based, inclusive) report turbidity 7 NTU
 *     on average, above the default rules' 5 NTU; the others 0.4 NTU;</li>
 * <li>{@code --reconnect-max-ms N}: the longest wait between attempts to reach the broker.</li>
 * </ul>
 * Options are {@code key=value} or {@code --flag value}.
 */
public final class LoadNode {
    static final Summary CLEAR_WATER = new Summary(0.3, 0.4, 0.5, 6);
    static final Summary UNSAFE_WATER = new Summary(6.5, 7.0, 7.5, 6);

    /** A clock whose reading the test steers: the message clock a node link is given. */
    private static final class SteeredClock extends Clock {
        private volatile Supplier<Instant> source;

        SteeredClock(Supplier<Instant> source) {
            this.source = source;
        }

        @Override
        public Instant instant() {
            return source.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    public static void main(String[] args) throws Exception {
        URI broker = URI.create(args[0]);
        Path data = Path.of(args[1]);
        NodeRef ref = new NodeRef(args[2], args[3]);
        int count = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        Duration ackTimeout = Duration.ofMillis(Long.parseLong(args[6]));
        Map<String, String> options = new HashMap<>();
        for (int i = 7; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                String[] kv = args[i].split("=", 2);
                options.put(kv[0], kv[1]);
            }
        }
        long unsafeFrom = Long.MAX_VALUE;
        long unsafeTo = Long.MIN_VALUE;
        if (options.containsKey("--unsafe")) {
            String[] range = options.get("--unsafe").split("-");
            unsafeFrom = Long.parseLong(range[0]);
            unsafeTo = Long.parseLong(range[1]);
        }
        OutboxOptions outbox = OutboxOptions.defaults();
        if (options.containsKey("outbox_bytes")) {
            outbox = outbox.withMaxBytes(Long.parseLong(options.get("outbox_bytes")));
        }
        long startNanos = System.nanoTime();
        SteeredClock clock = new SteeredClock(Clock.systemUTC()::instant);
        Instant[] simNow = new Instant[1];
        Duration step = Duration.ofSeconds(Long.parseLong(options.getOrDefault("sim_step_s", "0")));
        if (options.containsKey("sim_start")) {
            simNow[0] = Instant.parse(options.get("sim_start"));
            clock.source = () -> simNow[0];
        }
        // a summary's interval: the simulated step when there is one, else the 10 s the fault tests always said
        int intervalS = step.isZero() ? 10 : (int) step.toSeconds();
        if (options.containsKey("--speed") || options.containsKey("--start")) {
            Instant from = options.containsKey("--start") ? Instant.parse(options.get("--start")) : Clock.systemUTC().instant();
            Clock scaled = Scheduler.scaled(from, Double.parseDouble(options.getOrDefault("--speed", "1")), "load-world").clock();
            clock.source = scaled::instant;
        }
        long jumpAfter = Long.parseLong(options.getOrDefault("clock_1970_until", "0"));
        if (jumpAfter > 0) {
            clock.source = () -> Instant.EPOCH.plusNanos(System.nanoTime() - startNanos);
        }
        Scheduler scheduler = Scheduler.system("load");
        NodeLinkOptions linkOptions = NodeLinkOptions.of(ref, data, broker)
                .withOutbox(outbox)
                .withMessageClock(clock)
                .withAckTimeout(ackTimeout, ackTimeout.multipliedBy(4));
        if (options.containsKey("--reconnect-max-ms")) {
            linkOptions = linkOptions.withReconnectMax(Duration.ofMillis(Long.parseLong(options.get("--reconnect-max-ms"))));
        }
        NodeLink link = NodeLink.open(linkOptions, scheduler);
        long boot = link.boot();
        link.onCommitted(seq -> System.out.println("committed " + boot + " " + seq));
        link.start();
        System.out.println("started " + boot);
        long periodNanos = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        long reportedDropped = 0;
        for (int i = 1; i <= count; i++) {
            long dropped = link.takeOutboxDropped();
            reportedDropped += dropped;
            Summary turbidity = i >= unsafeFrom && i <= unsafeTo ? UNSAFE_WATER : CLEAR_WATER;
            link.send(new WellTelemetry(intervalS, turbidity, new Summary(1, 2, 3, 6), 1, i, i, "ok", dropped));
            if (simNow[0] != null) {
                simNow[0] = simNow[0].plus(step);
            }
            if (i == jumpAfter) {
                clock.source = Clock.systemUTC()::instant;
                System.out.println("clock jumped after seq " + i + " at " + Clock.systemUTC().instant());
            }
            if (periodNanos > 0) {
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        link.commit();
        reportedDropped += link.takeOutboxDropped(); // dropped by the last appends: no telemetry left to carry them
        System.out.println("outbox dropped " + reportedDropped);
        System.out.println("sent " + boot + " " + count);
        while (link.stats().unacknowledged() > 0) {
            LockSupport.parkNanos(20_000_000);
        }
        System.out.println("done " + boot);
        Thread.currentThread().join(); // until killed
    }
}
