package io.waypoint.outbox;

import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The process {@link OutboxKillTest} kills: appends numbered messages of one boot as fast as it can
 * and prints {@code committed <boot> <seq>} after every commit, then waits to be killed.
 *
 * <p>Arguments: directory, boot, how many messages.
 */
public final class OutboxKillTarget {

    private OutboxKillTarget() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long boot = Long.parseLong(args[1]);
        long count = Long.parseLong(args[2]);
        Scheduler scheduler = Scheduler.system("outbox-kill-target");
        Outbox outbox = Outbox.open(dir, OutboxOptions.defaults().withCommitInterval(Duration.ofMillis(5)), scheduler);
        outbox.onCommit(m -> {
            System.out.println("committed " + m.boot() + " " + m.seq());
            System.out.flush();
        });
        System.out.println("ready");
        System.out.flush();
        for (long seq = 1; seq <= count; seq++) {
            outbox.append(TestMessages.msg(boot, seq, sizeOf(seq)));
        }
        outbox.commit();
        System.out.println("done");
        System.out.flush();
        new CountDownLatch(1).await();
    }

    /** Varying sizes, so kills tear records at every kind of offset. */
    static int sizeOf(long seq) {
        return 60 + (int) (seq * 7919 % 300);
    }
}
