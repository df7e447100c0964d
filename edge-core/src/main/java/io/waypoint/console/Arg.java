package io.waypoint.console;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One argument a {@link Command} expects, in the order typed. Every argument is required; what a
 * technician types is checked against it before the handler runs, so a handler never sees a
 * missing, malformed or out-of-range value.
 */
public sealed interface Arg permits Arg.Quantity, Arg.Word, Arg.Choice {

    /** The name shown in usage lines ({@code <litres>}) and used to fetch the value from {@link Args}. */
    String name();

    /**
     * A decimal number, optionally followed by its unit ({@code 12.5}, {@code 12.5 NTU}, {@code 12.5NTU}).
     * A different unit is refused, never converted: a technician who typed {@code mL} for litres made
     * a mistake worth pointing out.
     *
     * @param unit    the canonical unit, or null for a plain number
     * @param aliases other spellings of the unit that are accepted (compared ignoring case)
     */
    record Quantity(String name, String unit, List<String> aliases, double min, double max) implements Arg {
        public Quantity {
            requireName(name);
            aliases = List.copyOf(aliases);
            if (!(min <= max)) {
                throw new IllegalArgumentException("argument " + name + ": min must not exceed max");
            }
        }

        /** The same quantity accepted only from {@code min} to {@code max} inclusive. */
        public Quantity within(double min, double max) {
            return new Quantity(name, unit, aliases, min, max);
        }

        boolean acceptsUnit(String typed) {
            if (unit == null) {
                return false;
            }
            return unit.equalsIgnoreCase(typed) || aliases.stream().anyMatch(a -> a.equalsIgnoreCase(typed));
        }

        boolean bounded() {
            return min > Double.NEGATIVE_INFINITY || max < Double.POSITIVE_INFINITY;
        }
    }

    /** One word as typed (quotes allow spaces); case is kept. */
    record Word(String name) implements Arg {
        public Word {
            requireName(name);
        }
    }

    /** One of a fixed set of words, typed in any case; the handler receives it as declared. */
    record Choice(String name, List<String> choices) implements Arg {
        public Choice {
            requireName(name);
            choices = List.copyOf(choices);
            if (choices.isEmpty()) {
                throw new IllegalArgumentException("argument " + name + ": a choice needs at least one word");
            }
        }

        String match(String typed) {
            String lower = typed.toLowerCase(Locale.ROOT);
            return choices.stream().filter(c -> c.toLowerCase(Locale.ROOT).equals(lower)).findFirst().orElse(null);
        }
    }

    /** A plain number with no unit, any value. */
    static Quantity number(String name) {
        return new Quantity(name, null, List.of(), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    /** A number with its unit, which the technician may type or leave out; any value. */
    static Quantity number(String name, String unit, String... aliases) {
        Objects.requireNonNull(unit, "unit");
        return new Quantity(name, unit, List.of(aliases), Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    }

    static Word word(String name) {
        return new Word(name);
    }

    static Choice choice(String name, String... choices) {
        return new Choice(name, List.of(choices));
    }

    private static void requireName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("argument name must be a lower-case word, was " + name);
        }
    }
}
