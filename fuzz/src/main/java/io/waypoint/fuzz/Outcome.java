package io.waypoint.fuzz;

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

    /**
     * The reason with quoted values and numbers blanked ({@code seq = 7: expected...} and
     * {@code seq = 0: expected...} are one kind), on one line, cut to {@link #MAX_KIND_CHARS}. One
     * pass by hand: it runs for every input.
     */
    static String normalize(String reason) {
        if (reason == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder(Math.min(reason.length(), MAX_KIND_CHARS + 1));
        int n = reason.length();
        for (int i = 0; i < n && b.length() < MAX_KIND_CHARS; i++) {
            char c = reason.charAt(i);
            if (c == '\'' || c == '"') {
                int close = reason.indexOf(c, i + 1);
                if (close > 0) {
                    b.append('\'').append('…').append('\'');
                    i = close;
                    continue;
                }
            }
            if (c >= '0' && c <= '9') {
                b.append('#');
                while (i + 1 < n && reason.charAt(i + 1) >= '0' && reason.charAt(i + 1) <= '9') {
                    i++;
                }
                continue;
            }
            b.append(c < 0x20 || c == 0x7F ? ' ' : c);
        }
        if (b.length() >= MAX_KIND_CHARS && reason.length() > MAX_KIND_CHARS) {
            b.append('…');
        }
        return b.toString();
    }
}
