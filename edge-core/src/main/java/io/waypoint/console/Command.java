package io.waypoint.console;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One thing a technician can type: a name of one or more words ({@code status},
 * {@code calibrate turbidity}), its arguments, a one-line summary for {@code help}, and the handler
 * that answers. Built with {@link #named}; registered with {@link ConsoleShell.Builder#command}.
 *
 * <pre>{@code
 * Command.named("calibrate turbidity")
 *        .summary("adds a calibration point at the current reading")
 *        .arg(Arg.number("ntu", "NTU").within(0, 4000))
 *        .changesState()
 *        .handler(args -> Reply.text(calibration.add(args.number("ntu"))))
 *        .build();
 * }</pre>
 */
public final class Command {
    private final String name;
    private final List<String> words;
    private final List<Arg> args;
    private final String summary;
    private final String example;
    private final boolean changesState;
    private final Handler handler;

    private Command(Builder b) {
        this.name = String.join(" ", b.words);
        this.words = List.copyOf(b.words);
        this.args = List.copyOf(b.args);
        this.summary = b.summary;
        this.example = b.example != null ? b.example : generatedExample(name, args);
        this.changesState = b.changesState;
        this.handler = b.handler;
    }

    /**
     * Starts a command called {@code name}: lower-case words of letters, digits and '-', separated
     * by single spaces. Technicians may type it in any case.
     */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** The name, words separated by one space. */
    public String name() {
        return name;
    }

    List<String> words() {
        return words;
    }

    public List<Arg> args() {
        return args;
    }

    public String summary() {
        return summary;
    }

    /** A line that runs this command, shown with its usage. */
    public String example() {
        return example;
    }

    /** True when running it changes what the node does: the shell tells its {@link StateChange.Listener}. */
    public boolean changesState() {
        return changesState;
    }

    Handler handler() {
        return handler;
    }

    /** The usage line: {@code calibrate turbidity <ntu>}. */
    public String usage() {
        StringBuilder s = new StringBuilder(name);
        for (Arg a : args) {
            s.append(" <").append(a.name()).append('>');
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return usage();
    }

    /** Answers a checked command line. Runs on the thread that handed the line to the console. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @throws ConsoleError when a part is not right: the technician reads the part and what to do
         * @throws Exception    anything else: the technician is told it went wrong and to look at the log
         */
        Reply handle(Args args) throws Exception;
    }

    /** Collects a command's parts; {@link #summary} and {@link #handler} are required. */
    public static final class Builder {
        private final List<String> words;
        private final List<Arg> args = new ArrayList<>();
        private String summary;
        private String example;
        private boolean changesState;
        private Handler handler;

        private Builder(String name) {
            if (name == null || !name.matches("[a-z][a-z0-9-]*( [a-z][a-z0-9-]*)*")) {
                throw new IllegalArgumentException(
                        "a command name is lower-case words separated by single spaces, was '" + name + "'");
            }
            this.words = Arrays.asList(name.split(" "));
        }

        /** What it does, in one line a tired person understands. */
        public Builder summary(String summary) {
            this.summary = Objects.requireNonNull(summary, "summary");
            return this;
        }

        /** Adds the next argument. */
        public Builder arg(Arg arg) {
            Objects.requireNonNull(arg, "arg");
            if (args.stream().anyMatch(a -> a.name().equals(arg.name()))) {
                throw new IllegalArgumentException("command " + String.join(" ", words) + " already has an argument "
                        + arg.name());
            }
            args.add(arg);
            return this;
        }

        /**
         * The example shown with the usage; without one an example is made from the arguments. The
         * shell checks at build time that the example runs this command.
         */
        public Builder example(String example) {
            this.example = Objects.requireNonNull(example, "example");
            return this;
        }

        /** Marks a command that changes the node's state (calibration, a cleared fault, a new cartridge). */
        public Builder changesState() {
            this.changesState = true;
            return this;
        }

        public Builder handler(Handler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        public Command build() {
            String name = String.join(" ", words);
            if (summary == null || summary.isBlank()) {
                throw new IllegalStateException("command " + name + " needs a summary");
            }
            if (handler == null) {
                throw new IllegalStateException("command " + name + " needs a handler");
            }
            return new Command(this);
        }
    }

    private static String generatedExample(String name, List<Arg> args) {
        StringBuilder s = new StringBuilder(name);
        for (Arg a : args) {
            s.append(' ');
            if (a instanceof Arg.Quantity q) {
                s.append(TypedNumber.write(sample(q)));
                if (q.unit() != null) {
                    s.append(' ').append(q.unit());
                }
            } else if (a instanceof Arg.Choice c) {
                s.append(c.choices().get(0));
            } else {
                s.append(a.name().toLowerCase(Locale.ROOT));
            }
        }
        return s.toString();
    }

    /** 12.5 when allowed: it shows the decimal dot. Otherwise a value inside the range. */
    private static double sample(Arg.Quantity q) {
        double preferred = 12.5;
        if (q.min() <= preferred && preferred <= q.max()) {
            return preferred;
        }
        if (Double.isInfinite(q.min())) {
            return q.max();
        }
        if (Double.isInfinite(q.max())) {
            return q.min();
        }
        double middle = (q.min() + q.max()) / 2;
        double round = Math.round(middle);
        return round >= q.min() && round <= q.max() ? round : middle;
    }
}
