package io.waypoint.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Looks for personal identifiers (dialled numbers, MAC addresses) in every form they could take:
 * a number with and without its {@code +}, and its last eight digits (enough to identify a person,
 * short enough to survive any reformatting); a MAC in upper or lower case, with colons, dashes or
 * nothing between its bytes. Files are read as bytes, so a number inside an outbox segment or a
 * database page is found too.
 */
final class PrivacyScan {
    private final Set<String> needles = new LinkedHashSet<>();

    private PrivacyScan() {
    }

    /** Looks for each of {@code secrets} (passwords) exactly as written. */
    static PrivacyScan exactly(Set<String> secrets) {
        PrivacyScan scan = new PrivacyScan();
        scan.needles.addAll(secrets);
        return scan;
    }

    PrivacyScan(Set<String> numbers, Set<String> macs) {
        for (String n : numbers) {
            String digits = n.replace("+", "");
            needles.add(n);
            needles.add(digits);
            if (digits.length() >= 8) {
                needles.add(digits.substring(digits.length() - 8));
            }
        }
        for (String m : macs) {
            String bare = m.replace(":", "").replace("-", "").toLowerCase(Locale.ROOT);
            for (String sep : List.of(":", "-", "")) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < 12; i += 2) {
                    if (i > 0) {
                        b.append(sep);
                    }
                    b.append(bare, i, i + 2);
                }
                needles.add(b.toString());
                needles.add(b.toString().toUpperCase(Locale.ROOT));
            }
        }
    }

    int needles() {
        return needles.size();
    }

    /** Where each identifier turns up in {@code text}, described without repeating the identifier. */
    List<String> hits(String where, String text) {
        List<String> out = new ArrayList<>();
        for (String n : needles) {
            int i = text.indexOf(n);
            if (i >= 0) {
                out.add(where + " at offset " + i + " (an identifier of " + n.length() + " characters)");
            }
        }
        return out;
    }

    /** Every file under {@code dir}, read as bytes. */
    List<String> hitsInFiles(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.exists(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                out.addAll(hits(f.toString(), text));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** How many files were scanned, for the record. */
    static long files(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
