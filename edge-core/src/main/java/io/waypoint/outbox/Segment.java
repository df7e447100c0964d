package io.waypoint.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What the outbox keeps in memory about one segment file: its size and which (boot, seq) it holds.
 * Guarded by the outbox's lock.
 */
final class Segment {
    final long id;
    final Path path;
    long size;
    long count;
    final List<SeqRuns> boots = new ArrayList<>(2);
    /** Appends may go here (only the newest segment, and only while its file is writable). */
    boolean writable;
    /** Written since its last fsync. */
    boolean dirty;
    /** An fsync of it is running outside the lock: its channel must stay open. */
    boolean forcing;
    boolean deleted;
    /** Damage was found and could not be repaired: reads step over it. */
    boolean damaged;
    boolean copiedAside;
    private FileChannel channel;
    private boolean channelWritable;

    Segment(long id, Path path) {
        this.id = id;
        this.path = path;
    }

    static String name(long id) {
        return String.format("%020d.seg", id);
    }

    /** The id in a segment file name, or -1 if the name is not one. */
    static long idOf(String fileName) {
        if (fileName.length() != 24 || !fileName.endsWith(".seg")) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(fileName.substring(0, 20));
    }

    void add(long boot, long seq) {
        SeqRuns last = boots.isEmpty() ? null : boots.get(boots.size() - 1);
        if (last == null || last.boot != boot) {
            last = new SeqRuns(boot);
            boots.add(last);
        }
        last.add(seq);
        count++;
    }

    void resetContents(List<SeqRuns> newBoots, long newCount) {
        boots.clear();
        boots.addAll(newBoots);
        count = newCount;
    }

    /**
     * The open channel, opened (again) if needed: lazily for old segments, so a large store does not
     * hold a descriptor per file, and again after an interrupted thread's I/O closed it.
     */
    FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen() || (writable && !channelWritable)) {
            closeChannel();
            channel = writable
                    ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                    : FileChannel.open(path, StandardOpenOption.READ);
            channelWritable = writable;
        }
        return channel;
    }

    void adoptChannel(FileChannel ch, boolean chWritable) {
        closeChannel();
        channel = ch;
        channelWritable = chWritable;
    }

    boolean hasOpenChannel() {
        return channel != null && channel.isOpen();
    }

    void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing never loses written data (it is in the page cache); only fsync reports write errors
            }
            channel = null;
        }
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }
}
