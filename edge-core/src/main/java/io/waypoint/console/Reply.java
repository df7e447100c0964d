package io.waypoint.console;

import java.time.Duration;
import java.util.Objects;

/** What a command's handler answers: text once, or a live view that repeats until the technician types. */
public sealed interface Reply permits Reply.Text, Reply.Live {

    /** Plain text, lines separated by {@code \n}; the console adds the prompt. */
    record Text(String text) implements Reply {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * A live view: {@code heading} once, then a line from {@code next} at once and every {@code period}
     * of scheduler time, until the next line the technician sends (Enter is enough), which only stops
     * the view. A console shows at most one live view.
     */
    record Live(String heading, Duration period, LiveLine next) implements Reply {
        public Live {
            Objects.requireNonNull(heading, "heading");
            Objects.requireNonNull(next, "next");
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("a live view needs a positive period, was " + period);
            }
        }
    }

    /**
     * Produces the next line of a live view, or null for none this time; it runs on the scheduler's
     * thread. It may throw a {@link ConsoleError}, which ends the view with its advice.
     */
    @FunctionalInterface
    interface LiveLine {
        String next() throws Exception;
    }

    static Reply text(String text) {
        return new Text(text);
    }

    static Reply live(String heading, Duration period, LiveLine next) {
        return new Live(heading, period, next);
    }
}
