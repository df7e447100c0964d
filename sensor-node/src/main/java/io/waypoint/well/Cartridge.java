package io.waypoint.well;

import io.waypoint.config.ConfigException;
import io.waypoint.config.ConfigFile;
import io.waypoint.config.Settings;
import io.waypoint.node.DurableFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.waypoint.storage.FileDamage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.tinylog.Logger;

/**
 * The filter cartridge in service: litres through it since it was fitted, against its rated life
 * (e.g. 100,000 L for a LifeStraw Community). Kept as the flow meter's total at the moment of the
 * last replacement, in a small durable file, so the count survives restarts and power cuts exactly
 * as the flow total does.
 */
final class Cartridge {
    private final Path file;
    private final double ratedLitres;
    private double fittedAtTotal;
    private Instant fittedAt;

    private Cartridge(Path file, double ratedLitres, double fittedAtTotal, Instant fittedAt) {
        this.file = file;
        this.ratedLitres = ratedLitres;
        this.fittedAtTotal = fittedAtTotal;
        this.fittedAt = fittedAt;
    }

    /**
     * Loads the cartridge state from {@code file}; a node without one counts from the flow total it
     * has now (the cartridge was fitted before waypoint was installed: the technician should say
     * "cartridge replaced" when fitting the next one). A damaged record is set aside and added to
     * {@code damage}; a record that cannot be saved (full or read-only card) is kept in memory. Never
     * fails: the well goes on either way.
     */
    static Cartridge load(Path file, double ratedLitres, double totalLitresNow, Instant now, List<FileDamage> damage) {
        if (Files.exists(file)) {
            try {
                Settings s = Settings.of(ConfigFile.read(file));
                double base = s.number("fitted_at_total_litres", 0, 0, Double.MAX_VALUE);
                Instant at = Instant.parse(s.requiredString("fitted_at", "an ISO-8601 instant"));
                return new Cartridge(file, ratedLitres, base, at);
            } catch (ConfigException | java.time.format.DateTimeParseException | java.io.UncheckedIOException e) {
                damage.add(DurableFile.setAsideOrLeave(file, "cartridge record", e.getMessage(),
                        "the cartridge's litres count from the current total",
                        "if the cartridge in service is not new, its litres read low: note the old record's figure"));
            }
        } else {
            Logger.info("no cartridge record in {}: counting from the current total of {} L", file, Math.round(totalLitresNow));
        }
        Cartridge c = new Cartridge(file, ratedLitres, totalLitresNow, now);
        try {
            c.save();
        } catch (IOException e) {
            Logger.error("cartridge record {} cannot be saved ({}): kept in memory; check that the SD card is not full or read-only",
                    file, e.getMessage());
        }
        return c;
    }

    /** Litres through this cartridge, given the flow meter's total now. */
    double litres(double totalLitres) {
        return Math.max(0, totalLitres - fittedAtTotal);
    }

    double ratedLitres() {
        return ratedLitres;
    }

    Instant fittedAt() {
        return fittedAt;
    }

    /** A new cartridge was fitted at {@code now}: returns the litres the old one had served. */
    double replaced(double totalLitres, Instant now) throws IOException {
        double previous = litres(totalLitres);
        fittedAtTotal = totalLitres;
        fittedAt = now;
        save();
        return previous;
    }

    private void save() throws IOException {
        DurableFile.write(file, String.format(Locale.ROOT, "# the filter cartridge in service%nfitted_at_total_litres = %.3f%nfitted_at = %s%n",
                fittedAtTotal, fittedAt));
    }
}
