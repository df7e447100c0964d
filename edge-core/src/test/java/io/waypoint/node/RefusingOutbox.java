package io.waypoint.node;

import io.waypoint.outbox.Outbox;
import io.waypoint.outbox.OutboxException;
import io.waypoint.outbox.OutboxMessage;
import io.waypoint.outbox.OutboxStats;
import io.waypoint.storage.FileDamage;
import io.waypoint.storage.StorageProblem;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** A real outbox whose appends fail on demand, as a full or read-only card makes them fail: fault injection for unit tests only. */
final class RefusingOutbox implements Outbox {
    private final Outbox real;
    volatile StorageProblem refusing;

    RefusingOutbox(Outbox real) {
        this.real = real;
    }

    @Override
    public void append(OutboxMessage m) {
        StorageProblem p = refusing;
        if (p != null) {
            throw new OutboxException("test outbox refuses " + m + " (" + p.reason() + ")", p, null);
        }
        real.append(m);
    }

    @Override
    public List<OutboxMessage> nextBatch(int max) {
        return real.nextBatch(max);
    }

    @Override
    public void acknowledge(long boot, long seq) {
        real.acknowledge(boot, seq);
    }

    @Override
    public void rewind() {
        real.rewind();
    }

    @Override
    public OptionalLong firstHeldSeq(long boot) {
        return real.firstHeldSeq(boot);
    }

    @Override
    public long highestBoot() {
        return real.highestBoot();
    }

    @Override
    public long takeDropped() {
        return real.takeDropped();
    }

    @Override
    public List<FileDamage> damage() {
        return real.damage();
    }

    @Override
    public OutboxStats stats() {
        return real.stats();
    }

    @Override
    public void commit() {
        real.commit();
    }

    @Override
    public void onCommit(Consumer<OutboxMessage> listener) {
        real.onCommit(listener);
    }

    @Override
    public void close() {
        real.close();
    }
}
