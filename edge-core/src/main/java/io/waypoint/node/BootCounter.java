package io.waypoint.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
                DurableFile.moveAside(file, "not a boot number; continuing above " + floor);
            }
        }
        long boot = Math.max(previous, floor) + 1;
        DurableFile.write(file, boot + "\n");
        return boot;
    }
}
