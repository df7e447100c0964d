package io.waypoint.drivers.modem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The commands waiting for the modem, and the one it is answering: a modem takes one command at a
 * time, so the next goes out only when the last is answered or has timed out.
 *
 * <p>Lines are sorted as they come: a final result (OK, ERROR, +CME ERROR; for ATD also the call
 * progress words) ends the command in flight; an information line of the kind the command answers
 * with is part of its reply; anything else is unsolicited, even when it arrives in the middle of a
 * reply. A final result with no command in flight is a late reply to one that timed out, and is
 * dropped.
 *
 * <p>A modem answers in order, so a reply that comes after its command timed out would be taken for
 * the next command's, and every reply after it too. So after a timeout the next command is a sync,
 * {@code AT+CMEE?}, sent for nothing else: final results before its {@code +CMEE:} line are late
 * replies and dropped (when syncs themselves timed out, their {@code +CMEE:} lines are counted off
 * first). A modem that dropped the command rather than answering late costs one sync. Pure logic: time
 * comes in as arguments.
 */
final class CommandQueue {

    /** A command's complete reply. */
    record Reply(AtCommand command, List<AtLine> information, AtLine result) {
        Reply {
            information = List.copyOf(information);
        }
    }

    /** Where a line went. */
    sealed interface Routed {
        /** It completed the command in flight. */
        record Completed(Reply reply) implements Routed {
        }

        /** It belongs to the reply still coming. */
        record Part() implements Routed {
        }

        /** Nobody asked for it. */
        record Unsolicited(AtLine line) implements Routed {
        }

        /** The {@code >} prompt of the SMS in flight: its text is to be written now. */
        record Prompt(AtCommand command) implements Routed {
        }

        /** A final result nobody waits for any more. */
        record Late(AtLine line) implements Routed {
        }
    }

    private record InFlight(AtCommand command, Instant deadline, List<AtLine> information) {
    }

    private final List<AtCommand> waiting = new ArrayList<>();
    private final Duration syncTimeout;
    private InFlight inFlight;
    private boolean needSync;
    private int syncRepliesOwed;
    private boolean syncAnswered;

    /** @param syncTimeout how long the sync after a timeout may take */
    CommandQueue(Duration syncTimeout) {
        this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
    }

    /**
     * Queues {@code command} after the others. A command of the same kind already waiting (a health
     * poll, an AT+CLCC) is dropped for this one, so polls never pile up, the reply goes to whoever
     * asked last, and what follows a setup sequence is never answered before it. Dial and SMS commands
     * are never merged.
     */
    void add(AtCommand command) {
        if (command.kind() != AtCommand.Kind.DIAL && command.kind() != AtCommand.Kind.SEND_SMS) {
            waiting.removeIf(c -> c.kind() == command.kind());
        }
        waiting.add(command);
    }

    /**
     * Puts {@code command} before all others waiting (unless one of its kind is first already): a
     * hang-up does not wait behind polls. One of its kind further back stays where it is, since it
     * may belong to a sequence (the setup's ATH must follow its AT+CVHU=0).
     */
    void addFirst(AtCommand command) {
        if (!waiting.isEmpty() && waiting.get(0).kind() == command.kind()) {
            return;
        }
        waiting.add(0, command);
    }

    /** Whether a command of {@code kind} waits (not counting the one in flight). */
    boolean waiting(AtCommand.Kind kind) {
        return waiting.stream().anyMatch(c -> c.kind() == kind);
    }

    /** Whether no command waits (not counting the one in flight), not even a sync. */
    boolean isEmpty() {
        return waiting.isEmpty() && !needSync;
    }

    /** The command in flight, if any. */
    Optional<AtCommand> inFlight() {
        return inFlight == null ? Optional.empty() : Optional.of(inFlight.command());
    }

    /** The next command to write, if the modem is free and one waits; it is in flight from {@code now}. */
    Optional<AtCommand> next(Instant now) {
        if (inFlight != null || (waiting.isEmpty() && !needSync)) {
            return Optional.empty();
        }
        AtCommand c;
        if (needSync && (waiting.isEmpty() || waiting.get(0).kind() != AtCommand.Kind.PROBE)) {
            c = AtCommand.of(AtCommand.Kind.SYNC, syncTimeout);
            syncAnswered = false;
        } else {
            c = waiting.remove(0);
        }
        inFlight = new InFlight(c, now.plus(c.timeout()), new ArrayList<>(2));
        return Optional.of(c);
    }

    /** Sorts one line. */
    Routed accept(AtLine line) {
        boolean progress = line instanceof AtLine.CallProgress;
        if (inFlight == null) {
            return line.endsAnyCommand() ? new Routed.Late(line) : new Routed.Unsolicited(line);
        }
        AtCommand c = inFlight.command();
        if (c.kind() == AtCommand.Kind.SYNC) {
            return syncing(c, line);
        }
        if (line instanceof AtLine.Prompt && c.kind() == AtCommand.Kind.SEND_SMS) {
            return new Routed.Prompt(c);
        }
        if (line.endsAnyCommand() || (progress && c.kind() == AtCommand.Kind.DIAL)) {
            Reply reply = new Reply(c, inFlight.information(), line);
            inFlight = null;
            return new Routed.Completed(reply);
        }
        if (c.answeredBy(line)) {
            inFlight.information().add(line);
            return new Routed.Part();
        }
        return new Routed.Unsolicited(line);
    }

    private Routed syncing(AtCommand sync, AtLine line) {
        if (line instanceof AtLine.ErrorMode) {
            if (syncRepliesOwed > 0) {
                syncRepliesOwed--;
            } else {
                syncAnswered = true;
            }
            return new Routed.Part();
        }
        if (line.endsAnyCommand()) {
            if (!syncAnswered) {
                return new Routed.Late(line);
            }
            needSync = false;
            inFlight = null;
            return new Routed.Completed(new Reply(sync, List.of(), line));
        }
        return new Routed.Unsolicited(line);
    }

    /**
     * The command in flight if its time is up at {@code now}; it is given up on, and the next command
     * will be a sync (unless it is a probe, which takes any answer).
     */
    Optional<AtCommand> expire(Instant now) {
        if (inFlight == null || now.isBefore(inFlight.deadline())) {
            return Optional.empty();
        }
        AtCommand c = inFlight.command();
        inFlight = null;
        if (c.kind() == AtCommand.Kind.SYNC) {
            syncRepliesOwed++;
        } else if (c.kind() != AtCommand.Kind.PROBE) {
            needSync = true;
        }
        return Optional.of(c);
    }

    /** When the command in flight times out, if one is. */
    Optional<Instant> deadline() {
        return inFlight == null ? Optional.empty() : Optional.of(inFlight.deadline());
    }

    /** Drops every waiting command not of {@code kinds}; the one in flight is still answered. */
    void retainOnly(AtCommand.Kind... kinds) {
        java.util.Set<AtCommand.Kind> kept = java.util.Set.of(kinds);
        waiting.removeIf(c -> !kept.contains(c.kind()));
    }

    /** Forgets every command, in flight and waiting (the modem is being probed again from scratch). */
    void clear() {
        inFlight = null;
        waiting.clear();
        needSync = false;
        syncRepliesOwed = 0;
    }
}
