package io.waypoint.fuzz;

import java.util.regex.Pattern;

/** What a parser made of one input: read it, or rejected it the documented way, and of what kind. */
public sealed interface Outcome {
    /** Kinds are for counting: short, and without the values that make each reason unique. */
    int MAX_KIND_CHARS = 90;

    String kind();

    /** The parser read the input; {@code kind} says as what (e.g. {@code registers}, {@code telemetry}). */
    record Accepted(String kind) implements Outcome {
        public Accepted {
            kind = normalize(kind);
        }
    }

    /** The parser refused the input as documented; {@code kind} is its reason without the values. */
    record Rejected(String kind) implements Outcome {
        public Rejected {
            kind = normalize(kind);
        }
    }

    static Outcome accepted(String kind) {
        return new Accepted(kind);
    }

    static Outcome rejected(String kind) {
        return new Rejected(kind);
    }

    Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    Pattern DIGITS = Pattern.compile("[0-9]+");

    /**
     * The reason with quoted values and numbers blanked ({@code seq = 7: expected...} and
     * {@code seq = 0: expected...} are one kind), on one line, cut to {@link #MAX_KIND_CHARS}.
     */
    static String normalize(String reason) {
        String s = reason == null ? "(none)" : reason;
        s = QUOTED.matcher(s).replaceAll("'…'");
        s = DIGITS.matcher(s).replaceAll("#");
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX_KIND_CHARS + 1));
        for (int i = 0; i < s.length() && b.length() < MAX_KIND_CHARS; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        if (s.length() > MAX_KIND_CHARS) {
            b.append('…');
        }
        return b.toString();
    }
}
