package io.waypoint.node;

import io.waypoint.storage.FileDamage;
import io.waypoint.storage.StorageProblem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.tinylog.Logger;

/**
 * The node's restart counter, the {@code boot} of every message it sends. Together with {@code seq}
 * it is how the gateway tells a resend (drop it) from new data (keep it), so a boot must never be
 * used twice: it is written to a temporary file, fsynced and renamed over the old one before the
 * node sends anything of the new boot.
 *
 * <p>An unreadable counter file is moved aside (never silently wiped) and the counter continues
 * above {@code floor}, the highest boot the caller still holds evidence of (e.g. in its outbox).
 *
 * <p><b>A counter that cannot be saved</b> (a full or read-only card). Using the next number unsaved
 * would hand it out again at the next start, and the gateway would drop that run's messages as
 * duplicates of this one's. Refusing to start would leave the well without its node (and a service
 * manager restarting it in a loop). So this run takes an <em>unsaved boot</em>, drawn at random from
 * {@code [base + 2^32, base + 2^32 + 2^31)} above the saved counter: ordinary counting from the saved
 * value would need four billion restarts to reach it, and two unsaved runs pick the same number with
 * a chance of one in two billion. The next saved boot continues from the saved counter (or above
 * the outbox's highest boot, if this run's messages reached it), so boots stay unique though they
 * are then not in time order; the gateway keys messages by (boot, seq) and assumes no order of boots.
 */
public final class BootCounter {
    /** How far above the saved counter unsaved boots start. */
    static final long UNSAVED_BASE = 1L << 32;
    /** How wide the range unsaved boots are drawn from is. */
    static final long UNSAVED_SPREAD = 1L << 31;
    private static final String FILE = "boot";

    private BootCounter() {}

    /**
     * This run's boot number.
     *
     * @param number  the boot every message of this run carries
     * @param damage  the counter file, if it was unreadable and set aside
     * @param unsaved why the number could not be saved, if it could not: this run's boot is one drawn
     *                at random (see the class comment)
     */
    public record Boot(long number, Optional<FileDamage> damage, Optional<StorageProblem> unsaved) {}

    /** Increments the counter in {@code dataDir/boot} and returns the new boot number (1 on first start). */
    public static long next(Path dataDir, long floor) throws IOException {
        Boot b = count(dataDir, floor, RandomGenerator.getDefault());
        if (b.unsaved().isPresent()) {
            throw new IOException("boot counter " + dataDir.resolve(FILE) + " cannot be saved: " + b.unsaved().get().whatToDo());
        }
        return b.number();
    }

    /**
     * Counts this run's boot, never failing: an unreadable counter is set aside, an unsaveable one
     * gives an unsaved boot drawn with {@code random} (see the class comment).
     */
    public static Boot count(Path dataDir, long floor, RandomGenerator random) {
        Path file = dataDir.resolve(FILE);
        long previous = 0;
        FileDamage damage = null;
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).strip();
            try {
                previous = Long.parseLong(text);
                if (previous < 0) {
                    throw new NumberFormatException("negative");
                }
            } catch (NumberFormatException e) {
                String problem = "not a boot number (" + text.length() + " characters)";
                try {
                    damage = DurableFile.setAside(file, "boot counter", problem,
                            "nothing of it: counting on above boot " + floor + ", the highest the outbox remembers",
                            "nothing to do: boots stay unique; if this recurs, the SD card may be failing");
                } catch (IOException moveFailed) {
                    Logger.error("boot counter {} is unreadable ({}) and cannot be moved aside ({}); counting on above boot {}",
                            file, problem, moveFailed.getMessage(), floor);
                }
            }
        } catch (NoSuchFileException e) {
            // the first start
        } catch (IOException e) {
            Logger.error("boot counter {} cannot be read ({}); counting on above boot {}, the highest the outbox remembers",
                    file, e.getMessage(), floor);
        }
        long base = Math.max(previous, floor);
        try {
            Files.createDirectories(dataDir);
            DurableFile.write(file, (base + 1) + "\n");
            return new Boot(base + 1, Optional.ofNullable(damage), Optional.empty());
        } catch (IOException e) {
            StorageProblem problem = StorageProblem.of(e);
            long unsaved = base + UNSAVED_BASE + random.nextLong(UNSAVED_SPREAD);
            Logger.error("boot counter {} cannot be saved ({}): this run uses the unsaved boot {}, drawn far above {} so "
                    + "that no later boot repeats it; {}", file, e.getMessage(), unsaved, base, problem.whatToDo());
            return new Boot(unsaved, Optional.ofNullable(damage), Optional.of(problem));
        }
    }
}
