package io.waypoint.console;

import io.waypoint.time.Scheduler;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.tinylog.Logger;

/**
 * The technician console of one node: its commands, and how a typed line becomes an answer. Pure
 * logic: transports ({@link StdinConsole}, {@link SerialConsole}) move bytes and call
 * {@link #open} once per connected person.
 *
 * <p>Every answer is plain text a tired person reads in the dark: an unknown command gets the
 * closest known one and the list, wrong arguments get the usage and an example, a decimal comma
 * gets "type 12.5". Commands are typed in any case. {@code help} and {@code help <command>} are
 * built in and made from the registered commands. A line longer than {@link #MAX_LINE_CHARS} is
 * refused, never cut: a cut number could become a wrong calibration point. Control characters
 * (noise on a serial line) are dropped.
 *
 * <p>Commands that change state ({@link Command.Builder#changesState}) are reported to the
 * {@link StateChange.Listener} after they succeed, so the node logs them as events.
 *
 * <p>Thread-safe: it holds no mutable state after {@link Builder#build}.
 */
public final class ConsoleShell {
    /** The longest line run, in characters. */
    public static final int MAX_LINE_CHARS = 200;

    private final String node;
    private final Scheduler scheduler;
    private final List<Command> commands;
    private final StateChange.Listener listener;
    private final Supplier<String> greeting;

    private ConsoleShell(Builder b) {
        this.node = b.node;
        this.scheduler = b.scheduler;
        this.commands = b.commands.values().stream().sorted(Comparator.comparing(Command::name)).toList();
        this.listener = b.listener;
        this.greeting = b.greeting;
    }

    /**
     * @param node      the node's name, shown in the banner and the prompt ({@code well-01> })
     * @param scheduler where live views tick and state changes take their time from
     */
    public static Builder builder(String node, Scheduler scheduler) {
        return new Builder(node, scheduler);
    }

    /**
     * A console for one person on one transport.
     *
     * @param console what the {@link StateChange}s say they came from, e.g. {@code serial /dev/ttyAMA0}
     * @param output  receives the text to show, lines separated by {@code \n}; the prompt has no newline
     */
    /**
     * Starts the consoles a node runs: on stdin if {@code stdin} (a node under systemd has none, and
     * that console ends quietly), and on {@code serialPort} if it is not null. Closing the result
     * stops them all.
     */
    public AutoCloseable startConsoles(Scheduler scheduler, boolean stdin, String serialPort, int baud) {
        List<AutoCloseable> started = new ArrayList<>();
        if (stdin) {
            started.add(StdinConsole.start(this, scheduler, System.in, System.out));
        }
        if (serialPort != null) {
            started.add(SerialConsole.start(this, scheduler, serialPort, baud));
        }
        return () -> {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception e) {
                    Logger.warn("closing a console: {}", e.getMessage());
                }
            }
        };
    }

    public ConsoleSession open(String console, Consumer<String> output) {
        return new ConsoleSession(this, console, output);
    }

    /** The node's name. */
    public String node() {
        return node;
    }

    /** What the console shows when it waits for a command: {@code well-01> }. */
    public String prompt() {
        return node + "> ";
    }

    /** The registered commands, by name (help not included). */
    public List<Command> commands() {
        return commands;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    StateChange.Listener listener() {
        return listener;
    }

    /** The first lines a person sees: who this is, how to start, and the node's own greeting if any. */
    String banner() {
        String head = "waypoint " + node + ": technician console. Type help for the commands.";
        if (greeting == null) {
            return head;
        }
        try {
            String more = greeting.get();
            return more == null || more.isBlank() ? head : head + "\n" + more.strip();
        } catch (RuntimeException e) {
            Logger.error(e, "console {}: the greeting failed", node);
            return head;
        }
    }

    /** What a typed line means; runs nothing. */
    Interpretation interpret(String raw) {
        String line = clean(raw);
        if (line.codePointCount(0, line.length()) > MAX_LINE_CHARS) {
            return new Interpretation.Answer("That line is longer than " + MAX_LINE_CHARS
                    + " characters, so it was not run.\nType one command and its arguments; help lists them.");
        }
        List<String> tokens;
        try {
            tokens = Tokens.split(line);
        } catch (Refusal r) {
            return new Interpretation.Answer(r.forTechnician());
        }
        if (tokens.stream().allMatch(String::isEmpty)) {
            return new Interpretation.Blank();
        }
        if (lower(tokens.get(0)).equals("help")) {
            return new Interpretation.Answer(help(tokens.subList(1, tokens.size())));
        }
        Command command = longestMatch(tokens);
        if (command == null) {
            return new Interpretation.Answer(unknown(tokens));
        }
        try {
            return new Interpretation.Run(command, parseArgs(command, tokens.subList(command.words().size(), tokens.size())));
        } catch (Refusal r) {
            return new Interpretation.Answer(r.forTechnician() + "\n" + usageAndExample(command));
        }
    }

    /** Control and format characters dropped (serial noise, stray escape bytes), tabs read as spaces. */
    private static String clean(String raw) {
        StringBuilder s = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            if (cp == '\t') {
                s.append(' ');
            } else if (!Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT
                    && Character.getType(cp) != Character.SURROGATE && cp != 0xFFFD) {
                s.appendCodePoint(cp);
            }
        });
        return s.toString().strip();
    }

    private Command longestMatch(List<String> tokens) {
        Command best = null;
        for (Command c : commands) {
            List<String> words = c.words();
            if (words.size() <= tokens.size() && (best == null || words.size() > best.words().size())
                    && startsWith(tokens, words)) {
                best = c;
            }
        }
        return best;
    }

    private static boolean startsWith(List<String> tokens, List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            if (!lower(tokens.get(i)).equals(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    private Args parseArgs(Command c, List<String> rest) throws Refusal {
        Map<String, Object> values = new LinkedHashMap<>();
        List<Arg> spec = c.args();
        int i = 0;
        for (int a = 0; a < spec.size(); a++) {
            Arg arg = spec.get(a);
            if (i >= rest.size()) {
                throw new Refusal("<" + arg.name() + "> is missing: " + describe(arg) + ".");
            }
            String token = rest.get(i++);
            if (arg instanceof Arg.Quantity q) {
                boolean unitMayFollow = q.unit() != null && i < rest.size()
                        && (a + 1 == spec.size() || spec.get(a + 1) instanceof Arg.Quantity);
                String unitToken = unitMayFollow && TypedNumber.parse(rest.get(i)) == null
                        && !TypedNumber.hasDecimalComma(rest.get(i)) ? rest.get(i) : null;
                if (unitToken != null) {
                    i++;
                }
                values.put(q.name(), quantity(q, token, unitToken));
            } else if (arg instanceof Arg.Choice ch) {
                String match = ch.match(token);
                if (match == null) {
                    throw new Refusal("'" + token + "' is not one of: " + String.join(", ", ch.choices()) + ".");
                }
                values.put(ch.name(), match);
            } else {
                values.put(arg.name(), token);
            }
        }
        if (i < rest.size()) {
            throw new Refusal("Too many words: '" + String.join(" ", rest.subList(i, rest.size())) + "' was not expected.");
        }
        return Args.of(values);
    }

    private static double quantity(Arg.Quantity q, String token, String unitToken) throws Refusal {
        if (TypedNumber.hasDecimalComma(token)) {
            throw new Refusal("Type decimals with a dot: " + TypedNumber.withDot(token) + ", not " + token + ".");
        }
        TypedNumber.Parsed p = TypedNumber.parse(token);
        if (p == null) {
            throw new Refusal("'" + token + "' is not a number: <" + q.name() + "> is " + describe(q) + ".");
        }
        double value = p.value();
        String unit = p.unit() != null ? p.unit() : unitToken;
        if (unit != null && q.unit() == null) {
            throw new Refusal("<" + q.name() + "> is a plain number, without a unit: type " + TypedNumber.write(value) + ".");
        }
        if (unit != null && !q.acceptsUnit(unit)) {
            throw new Refusal("'" + unit + "' is not the unit of <" + q.name() + ">: type it in " + q.unit() + " ("
                    + TypedNumber.write(value) + " " + q.unit() + "), or leave the unit out.");
        }
        if (value < q.min() || value > q.max()) {
            throw new Refusal(TypedNumber.write(value) + (q.unit() == null ? "" : " " + q.unit())
                    + " is out of range: <" + q.name() + "> must be " + range(q, true) + ".");
        }
        return value;
    }

    /** The closest known command, or the list: never runs a guess, a wrong guess could recalibrate. */
    private String unknown(List<String> tokens) {
        List<String> lower = tokens.stream().map(ConsoleShell::lower).toList();
        List<Command> needMore = commands.stream()
                .filter(c -> c.words().size() > lower.size() && c.words().subList(0, lower.size()).equals(lower))
                .toList();
        if (!needMore.isEmpty()) {
            String typed = String.join(" ", lower);
            return "'" + typed + "' needs more words. One of:\n" + usageLines(needMore)
                    + "\nType help " + typed + " for details.";
        }
        int bestDistance = Integer.MAX_VALUE;
        List<String> suggestions = new ArrayList<>();
        String shown = tokens.get(0);
        for (Command c : commands) {
            int k = Math.min(c.words().size(), lower.size());
            String typed = String.join(" ", lower.subList(0, k));
            int d = Spelling.distance(typed, c.name());
            if (typed.length() >= 3 && c.name().startsWith(typed)) {
                d = Math.min(d, 1);
            }
            if (d > Spelling.tolerance(c.name().length()) || d > bestDistance) {
                continue;
            }
            String rest = String.join(" ", tokens.subList(k, tokens.size()));
            String suggestion = rest.isEmpty() ? c.name() : c.name() + " " + rest;
            if (d < bestDistance) {
                bestDistance = d;
                suggestions.clear();
                shown = String.join(" ", tokens.subList(0, k));
            }
            suggestions.add("'" + suggestion + "'");
        }
        StringBuilder s = new StringBuilder("Unknown command '").append(shown).append("'.");
        if (suggestions.size() == 1) {
            s.append(" Did you mean ").append(suggestions.get(0)).append('?');
        } else if (!suggestions.isEmpty()) {
            s.append(" Did you mean one of ").append(String.join(", ", suggestions)).append('?');
        }
        s.append("\nCommands: ").append(commands.stream().map(Command::name).collect(Collectors.joining(", ")))
                .append(commands.isEmpty() ? "help" : ", help").append("\nType help for what each one does.");
        return s.toString();
    }

    /** {@code help}, or {@code help <command>}. */
    String help(List<String> words) {
        if (words.isEmpty()) {
            return "Commands:\n" + usageLines(commands) + "\n  " + pad("help [command]", width(commands))
                    + "lists the commands, or the details of one\n"
                    + (commands.stream().anyMatch(Command::changesState)
                            ? "(*) changes the node's settings; it is recorded as an event.\n" : "")
                    + "Type help <command> for details. A live view stops when you press Enter.";
        }
        List<String> lower = words.stream().map(ConsoleShell::lower).toList();
        if (lower.equals(List.of("help"))) {
            return "help [command]\n  lists the commands, or the details of one\nExample: help "
                    + (commands.isEmpty() ? "help" : commands.get(0).name());
        }
        Command c = longestMatch(words);
        if (c != null) {
            return details(c);
        }
        return unknown(words);
    }

    private static String details(Command c) {
        StringBuilder s = new StringBuilder(c.usage()).append("\n  ").append(c.summary());
        for (Arg a : c.args()) {
            s.append("\n  <").append(a.name()).append(">: ").append(describe(a));
            if (a instanceof Arg.Quantity q && q.unit() != null) {
                s.append(" (you may leave out the unit)");
            }
        }
        s.append("\nExample: ").append(c.example());
        if (c.changesState()) {
            s.append("\nThis changes the node's settings; it is recorded as an event.");
        }
        return s.toString();
    }

    private static String usageAndExample(Command c) {
        return "Usage: " + c.usage() + "\nExample: " + c.example();
    }

    private static String usageLines(List<Command> list) {
        int width = width(list);
        return list.stream()
                .map(c -> (c.changesState() ? "* " : "  ") + pad(c.usage(), width) + c.summary())
                .collect(Collectors.joining("\n"));
    }

    private static int width(List<Command> list) {
        int longest = list.stream().mapToInt(c -> c.usage().length()).max().orElse(0);
        return Math.min(Math.max(longest, "help [command]".length()) + 2, 34);
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + "  " : s + " ".repeat(width - s.length());
    }

    private static String describe(Arg a) {
        if (a instanceof Arg.Quantity q) {
            String what = "a number" + (q.unit() == null ? "" : " in " + q.unit());
            return q.bounded() ? what + ", " + range(q, false) : what;
        }
        if (a instanceof Arg.Choice c) {
            return "one of " + String.join(", ", c.choices());
        }
        return "one word (put quotes around several)";
    }

    private static String range(Arg.Quantity q, boolean withUnit) {
        String unit = q.unit() == null || !withUnit ? "" : " " + q.unit();
        if (Double.isInfinite(q.min())) {
            return "at most " + TypedNumber.write(q.max()) + unit;
        }
        if (Double.isInfinite(q.max())) {
            return "at least " + TypedNumber.write(q.min()) + unit;
        }
        return "from " + TypedNumber.write(q.min()) + " to " + TypedNumber.write(q.max()) + unit;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Collects the commands; {@link #build} checks that names are unique and examples run. */
    public static final class Builder {
        private final String node;
        private final Scheduler scheduler;
        private final Map<String, Command> commands = new LinkedHashMap<>();
        private StateChange.Listener listener = change -> { };
        private Supplier<String> greeting;

        private Builder(String node, Scheduler scheduler) {
            if (node == null || node.isBlank()) {
                throw new IllegalArgumentException("a console needs the node's name");
            }
            this.node = node;
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        }

        public Builder command(Command command) {
            if (command.words().get(0).equals("help")) {
                throw new IllegalArgumentException("help is built in; a command may not be called " + command.name());
            }
            if (commands.putIfAbsent(command.name(), command) != null) {
                throw new IllegalArgumentException("two commands are called " + command.name());
            }
            return this;
        }

        /** Told about every state-changing command that succeeded. */
        public Builder onStateChange(StateChange.Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Extra lines shown under the banner when a console opens, e.g. what the node thinks is wrong
         * right now; asked for each time.
         */
        public Builder greeting(Supplier<String> greeting) {
            this.greeting = Objects.requireNonNull(greeting, "greeting");
            return this;
        }

        /** @throws IllegalStateException when a command's example does not run that command */
        public ConsoleShell build() {
            ConsoleShell shell = new ConsoleShell(this);
            for (Command c : shell.commands) {
                Interpretation i = shell.interpret(c.example());
                if (!(i instanceof Interpretation.Run r) || r.command() != c) {
                    throw new IllegalStateException("the example of " + c.name() + " does not run it: '" + c.example()
                            + "' gives " + i);
                }
            }
            return shell;
        }
    }
}
