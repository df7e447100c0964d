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
import java.util.concurrent.locks.LockSupport;

/**
 * A node process for fault tests: streams {@code count} well telemetry messages through a real
 * node link at {@code rate} per second, prints {@code committed BOOT SEQ} after each group commit and
 * {@code done BOOT} once the gateway acknowledged everything, then keeps running until killed.
 *
 * <p>Usage: {@code LoadNode BROKER DATA_DIR SITE NODE COUNT RATE ACK_TIMEOUT_MS [options]}, options:
 * <ul>
 *   <li>{@code --speed F}: the messages' {@code ts} come from a simulated clock running F times
 *       faster than the wall clock from now (or from {@code --start}), so {@code COUNT / RATE} wall
 *       seconds are {@code F} times as many of the node's time; the link's own timing (acks,
 *       reconnects, commits) stays real time, as in a node on the simulator;</li>
 *   <li>{@code --start ISO}: where that simulated clock starts;</li>
 *   <li>{@code --unsafe FROM-TO}: messages FROM to TO (1-based, inclusive) report turbidity 7 NTU
 *       on average, above the default rules' 5 NTU; the others 0.4 NTU;</li>
 *   <li>{@code --reconnect-max-ms N}: the longest wait between attempts to reach the broker.</li>
 * </ul>
 */
public final class LoadNode {
    static final Summary CLEAR_WATER = new Summary(0.3, 0.4, 0.5, 6);
    static final Summary UNSAFE_WATER = new Summary(6.5, 7.0, 7.5, 6);

    public static void main(String[] args) throws Exception {
        URI broker = URI.create(args[0]);
        Path data = Path.of(args[1]);
        NodeRef ref = new NodeRef(args[2], args[3]);
        int count = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        Duration ackTimeout = Duration.ofMillis(Long.parseLong(args[6]));
        double speed = 1;
        Instant start = null;
        long unsafeFrom = Long.MAX_VALUE;
        long unsafeTo = Long.MIN_VALUE;
        Duration reconnectMax = null;
        for (int a = 7; a < args.length; a += 2) {
            String value = args[a + 1];
            switch (args[a]) {
                case "--speed" -> speed = Double.parseDouble(value);
                case "--start" -> start = Instant.parse(value);
                case "--unsafe" -> {
                    String[] range = value.split("-");
                    unsafeFrom = Long.parseLong(range[0]);
                    unsafeTo = Long.parseLong(range[1]);
                }
                case "--reconnect-max-ms" -> reconnectMax = Duration.ofMillis(Long.parseLong(value));
                default -> throw new IllegalArgumentException("LoadNode: unknown option " + args[a]);
            }
        }
        Scheduler scheduler = Scheduler.system("load");
        Clock messageClock = speed == 1 && start == null ? Clock.systemUTC()
                : Scheduler.scaled(start != null ? start : Clock.systemUTC().instant(), speed, "load-world").clock();
        NodeLinkOptions options = NodeLinkOptions.of(ref, data, broker)
                .withOutbox(OutboxOptions.defaults())
                .withAckTimeout(ackTimeout, ackTimeout.multipliedBy(4))
                .withMessageClock(messageClock);
        if (reconnectMax != null) {
            options = options.withReconnectMax(reconnectMax);
        }
        NodeLink link = NodeLink.open(options, scheduler);
        long boot = link.boot();
        link.onCommitted(seq -> System.out.println("committed " + boot + " " + seq));
        link.start();
        System.out.println("started " + boot);
        long periodNanos = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            Summary turbidity = i >= unsafeFrom && i <= unsafeTo ? UNSAFE_WATER : CLEAR_WATER;
            link.send(new WellTelemetry(10, turbidity, new Summary(1, 2, 3, 6), 1, i, i, "ok", 0));
            if (periodNanos > 0) {
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        link.commit();
        System.out.println("sent " + boot + " " + count);
        while (link.stats().unacknowledged() > 0) {
            LockSupport.parkNanos(20_000_000);
        }
        System.out.println("done " + boot);
        Thread.currentThread().join(); // until killed
    }
}
