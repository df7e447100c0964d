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
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A node process for fault tests: streams {@code count} well telemetry messages through a real
 * node link at {@code rate} per second, prints {@code committed BOOT SEQ} after each group commit and
 * {@code done BOOT} once the gateway acknowledged everything, then keeps running until killed.
 *
 * <p>Usage: {@code LoadNode BROKER DATA_DIR SITE NODE COUNT RATE ACK_TIMEOUT_MS}
 */
public final class LoadNode {
    public static void main(String[] args) throws Exception {
        URI broker = URI.create(args[0]);
        Path data = Path.of(args[1]);
        NodeRef ref = new NodeRef(args[2], args[3]);
        int count = Integer.parseInt(args[4]);
        int rate = Integer.parseInt(args[5]);
        Duration ackTimeout = Duration.ofMillis(Long.parseLong(args[6]));
        Scheduler scheduler = Scheduler.system("load");
        NodeLink link = NodeLink.open(NodeLinkOptions.of(ref, data, broker)
                .withOutbox(OutboxOptions.defaults())
                .withAckTimeout(ackTimeout, ackTimeout.multipliedBy(4)), scheduler);
        long boot = link.boot();
        link.onCommitted(seq -> System.out.println("committed " + boot + " " + seq));
        link.start();
        System.out.println("started " + boot);
        long periodNanos = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            link.send(new WellTelemetry(10, new Summary(0.3, 0.4, 0.5, 6), new Summary(1, 2, 3, 6), 1, i, i, "ok", 0));
            if (periodNanos > 0) {
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
        link.commit();
        while (link.stats().unacknowledged() > 0) {
            LockSupport.parkNanos(20_000_000);
        }
        System.out.println("done " + boot);
        Thread.currentThread().join(); // until killed
    }
}
