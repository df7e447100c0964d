package io.waypoint.node;

import io.waypoint.storage.FileDamage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.tinylog.Logger;

/**
 * A small state file that is either the old version or the new one after a power cut, never half
 * of each: written to a temporary file, fsynced, renamed over the old one, and the rename made
 * durable by syncing the directory. For counters and settings a node must not lose (boot counter,
 * cartridge state), written rarely: each write costs a few SD-card blocks.
 */
public final class DurableFile {
    private DurableFile() {}

    /** Replaces {@code file} with {@code text} atomically and durably. */
    public static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
    }

    /** Makes a rename durable; some file systems cannot open a directory, which is harmless. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            Logger.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }

    /** The damaged copy's suffix: the file's own last-modified time, readable and free of a phone number's shape. */
    private static final DateTimeFormatter ASIDE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH-mm-ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Moves an unreadable state file aside (never silently wiped: a technician may want it) and
     * returns where it went: {@code NAME.corrupt-<its last-modified time>}, with {@code -2}, {@code -3}...
     * when that exists already, so an earlier damaged copy is never replaced. The suffix is the file's
     * own time rather than the clock's: it needs no clock (a board without RTC may think it is 1970)
     * and tells when the file was last written.
     */
    public static Path moveAside(Path file, String why) throws IOException {
        Path aside = moveQuietly(file);
        Logger.error("{} was unreadable ({}); moved to {}", file, why, aside);
        return aside;
    }

    private static Path moveQuietly(Path file) throws IOException {
        String stem = file.getFileName() + ".corrupt-" + ASIDE_TIME.format(Files.getLastModifiedTime(file).toInstant());
        Path aside = file.resolveSibling(stem);
        for (int n = 2; Files.exists(aside, LinkOption.NOFOLLOW_LINKS); n++) {
            aside = file.resolveSibling(stem + "-" + n);
        }
        Files.move(file, aside);
        syncDirectory(file.toAbsolutePath().getParent());
        return aside;
    }

    /**
     * Moves a damaged state file aside as {@link #moveAside} does and describes it for the log and the
     * wire.
     *
     * @param part     what the file holds, in words ("flow total")
     * @param why      what is wrong with it
     * @param kept     what the node goes on with instead ("nothing: counting from 0 L")
     * @param whatToDo what a technician should do
     */
    public static FileDamage setAside(Path file, String part, String why, String kept, String whatToDo) throws IOException {
        FileDamage damage = new FileDamage(part, file, why, moveQuietly(file), kept, whatToDo);
        Logger.error(damage.logLine());
        return damage;
    }

    /**
     * As {@link #setAside}, but never fails: a card that cannot be written leaves the damaged file in
     * place (the returned damage says so, and the log names why), and the caller goes on with what it
     * kept, in memory.
     */
    public static FileDamage setAsideOrLeave(Path file, String part, String why, String kept, String whatToDo) {
        try {
            return setAside(file, part, why, kept, whatToDo);
        } catch (IOException e) {
            FileDamage damage = new FileDamage(part, file, why, file, kept + "; the damaged file stays in place", whatToDo);
            Logger.error("{} (it cannot be moved aside: {})", damage.logLine(), e.getMessage());
            return damage;
        }
    }
}
