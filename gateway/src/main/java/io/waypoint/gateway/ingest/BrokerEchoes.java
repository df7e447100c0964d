package io.waypoint.gateway.ingest;

import io.waypoint.gateway.store.GatewayStore.Publication;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * The alert publications the broker has passed back to us. The gateway subscribes to the alert
 * topics it publishes, so each transition the broker takes also comes back to it, and to its
 * persistent session if it died first (queued for it, delivered at its next connect before anything
 * published after that connect).
 *
 * <p>Why, beside the {@link BrokerOutboxMark}: the mark is published after the rows it covers, so a
 * gateway killed between the broker taking an alert and taking the mark would tell staff of the
 * alert twice. The echo of a row is the row itself: there is nothing in between to die in. A row
 * counts as taken when a message with its topic and payload (by digest) came back; an alert's JSON
 * carries its key, state and times, so two different transitions never share one. A resolve's clear
 * of its retained {@code alerts/active/KEY} has no JSON: every resolve of one key clears with the same
 * empty payload, so the echo of an earlier one would pass a later one off as taken, and staff would
 * keep seeing the alert open. A clear is therefore never proved by its own echo (nor remembered),
 * only by a later row's: the gateway hands the pending rows over in order, and the broker takes one
 * connection's packets in order, so a row that came back proves every pending row before it taken.
 * A clear after the last row proved is sent again, which clears what may already be clear.
 *
 * <p>Durable: the broker forgets an echo once we acknowledge it, so a gateway killed just after
 * would lose the proof with it. So {@link #seen} runs before the acknowledgement
 * ({@code Uplink.subscribeBeforeAck}), and appends the digest to a file and forces it to disk before
 * returning (a few milliseconds per alert transition, which are rare). A retained copy is not
 * written: the broker sends it again at every subscribe. The file is only a cache of proofs: lost or
 * damaged, the worst is an alert sent twice, never one lost.
 *
 * <p>Bounded: the oldest digests are forgotten first; a row is pending for seconds or a few hours of
 * outage, not for thousands of transitions. Thread-safe.
 */
final class BrokerEchoes {
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    private final int capacity;
    private final Path file;
    private final LinkedHashSet<String> digests = new LinkedHashSet<>();
    private FileChannel log;
    private long linesInFile;
    /** The file ends in a line cut short: the next digest starts on a line of its own. */
    private boolean cutShort;

    private BrokerEchoes(int capacity, Path file) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.file = file;
    }

    /** Kept in memory only: for an ingest without a data dir of its own (a test, the fuzz harness). */
    static BrokerEchoes inMemory(int capacity) {
        return new BrokerEchoes(capacity, null);
    }

    /** Kept in {@code file} too, and read back from it: what an earlier life of the gateway saw counts. */
    static BrokerEchoes durable(Path file, int capacity) {
        BrokerEchoes e = new BrokerEchoes(capacity, file);
        e.load();
        return e;
    }

    /**
     * A message on one of our alert topics came from the broker.
     *
     * @param retained a retained copy (sent at subscribe): the broker holds it now and will send it again
     */
    synchronized void seen(String topic, byte[] payload, boolean retained) {
        if (payload.length == 0) {
            return; // a clear proves nothing: see the class comment
        }
        String d = BrokerOutboxMark.digestOf(topic, payload);
        remember(d);
        if (file != null && !retained) {
            append(d);
        }
    }

    /** The pending rows (oldest first) up to the last whose topic and payload came back from the broker. */
    synchronized List<Publication> takenFrom(List<Publication> pending) {
        int last = -1;
        for (int i = 0; i < pending.size(); i++) {
            Publication p = pending.get(i);
            if (p.payload().length > 0 && digests.contains(BrokerOutboxMark.digestOf(p))) {
                last = i;
            }
        }
        return pending.subList(0, last + 1);
    }

    synchronized int size() {
        return digests.size();
    }

    synchronized void close() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException e) {
                Logger.warn("closing {}: {}", file, e.getMessage());
            }
            log = null;
        }
    }

    private void remember(String d) {
        digests.remove(d); // most recent last
        digests.add(d);
        if (digests.size() > capacity) {
            Iterator<String> oldest = digests.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            long bad = 0;
            String all = Files.readString(file, StandardCharsets.ISO_8859_1);
            cutShort = !all.isEmpty() && !all.endsWith("\n");
            for (String line : all.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                if (DIGEST.matcher(line).matches()) {
                    remember(line);
                    linesInFile++;
                } else {
                    bad++; // a line cut short by a power cut: one proof less
                }
            }
            if (bad > 0) {
                Logger.warn("{}: {} unreadable line(s) skipped (cut short by a power cut?); an alert publication they proved"
                        + " taken may reach staff twice", file, bad);
            }
        } catch (IOException e) {
            Logger.warn("cannot read {} ({}); alert publications the broker took before this start may reach staff twice",
                    file, e.getMessage());
        }
    }

    private void append(String d) {
        try {
            if (linesInFile >= 2L * capacity) {
                compact();
            }
            if (log == null) {
                log = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer line = ByteBuffer.wrap(((cutShort ? "\n" : "") + d + "\n").getBytes(StandardCharsets.ISO_8859_1));
            while (line.hasRemaining()) {
                log.write(line);
            }
            log.force(false);
            linesInFile++;
            cutShort = false;
        } catch (IOException e) {
            Logger.error("cannot record in {} that the broker took an alert publication ({}); if the gateway restarts before its"
                    + " next mark, staff may be told of it twice; check the disk (df, dmesg)", file, e.getMessage());
        }
    }

    /** Rewrites the file with what is remembered, so it stays within twice the capacity. */
    private void compact() throws IOException {
        close();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        StringBuilder all = new StringBuilder(digests.size() * 65);
        digests.forEach(x -> all.append(x).append('\n'));
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(all.toString().getBytes(StandardCharsets.ISO_8859_1));
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(false);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        linesInFile = digests.size();
        cutShort = false;
    }
}
