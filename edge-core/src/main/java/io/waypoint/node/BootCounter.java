package io.waypoint.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.tinylog.Logger;

/**
 * The node's restart counter, the {@code boot} of every message it sends. Together with {@code seq}
 * it is how the gateway tells a resend (drop it) from new data (keep it), so it must only ever go
 * up: it is written to a temporary file, fsynced and renamed over the old one before the node
 * sends anything of the new boot.
 *
 * <p>An unreadable counter file is moved aside (never silently wiped) and the counter continues
 * above {@code floor}, the highest boot the caller still holds evidence of (e.g. in its outbox).
 */
public final class BootCounter {
    private BootCounter() {}

    /** Increments the counter in {@code dataDir/boot} and returns the new boot number (1 on first start). */
    public static long next(Path dataDir, long floor) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("boot");
        long previous = 0;
        if (Files.exists(file)) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            try {
                previous = Long.parseLong(text);
                if (previous < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                Path aside = dataDir.resolve("boot.corrupt-" + Files.getLastModifiedTime(file).toMillis());
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                Logger.error("boot counter {} was unreadable; moved to {}; continuing above {}", file, aside, floor);
            }
        }
        long boot = Math.max(previous, floor) + 1;
        Path tmp = dataDir.resolve("boot.tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap((boot + "\n").getBytes(StandardCharsets.US_ASCII)));
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dataDir);
        return boot;
    }

    /** Makes the rename itself durable; some file systems cannot open a directory, which is harmless. */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            Logger.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }
}
