package io.waypoint.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

    /**
     * Moves an unreadable state file aside (never silently wiped: a technician may want it) and
     * returns where it went.
     */
    public static Path moveAside(Path file, String why) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + Files.getLastModifiedTime(file).toMillis());
        Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
        Logger.error("{} was unreadable ({}); moved to {}", file, why, aside);
        return aside;
    }
}
