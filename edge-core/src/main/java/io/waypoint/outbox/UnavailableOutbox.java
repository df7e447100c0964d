package io.waypoint.outbox;

import io.waypoint.storage.FileDamage;
import io.waypoint.storage.StorageProblem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/** See {@link Outbox#unavailable}: holds nothing, refuses every append, never fails otherwise. */
final class UnavailableOutbox implements Outbox {
    private final Path dir;
    private final IOException why;
    private final StorageProblem problem;
    private volatile boolean closed;

    UnavailableOutbox(Path dir, IOException why) {
        this.dir = dir;
        this.why = why;
        this.problem = StorageProblem.of(why);
    }

    @Override
    public void append(OutboxMessage m) {
        if (closed) {
            throw new OutboxException("outbox " + dir + " is closed: " + m + " not held");
        }
        throw new OutboxException("outbox " + dir + " could not be opened (" + why.getMessage() + "): " + m + " not held",
                problem, why);
    }

    @Override
    public List<OutboxMessage> nextBatch(int max) {
        if (closed) {
            throw new OutboxException("outbox " + dir + " is closed");
        }
        return List.of();
    }

    @Override
    public void acknowledge(long boot, long seq) {
        // nothing held, nothing to forget
    }

    @Override
    public void rewind() {
        // nothing held
    }

    @Override
    public OptionalLong firstHeldSeq(long boot) {
        return OptionalLong.empty();
    }

    @Override
    public long highestBoot() {
        return 0;
    }

    @Override
    public long takeDropped() {
        return 0;
    }

    @Override
    public List<FileDamage> damage() {
        return List.of();
    }

    @Override
    public OutboxStats stats() {
        return new OutboxStats(0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public void commit() {
        // nothing written
    }

    @Override
    public void onCommit(Consumer<OutboxMessage> listener) {
        // never commits
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "Outbox[" + dir + ", unavailable: " + why.getMessage() + "]";
    }
}
