package io.waypoint.console;

import io.waypoint.time.Scheduler;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * One person at one console: takes the lines they type, runs commands, and writes the answers and
 * the prompt to the output. Made by {@link ConsoleShell#open}.
 *
 * <p>A live view ({@link Reply.Live}) ticks on the shell's scheduler until the next line arrives;
 * that line only stops it (Enter is enough), so a console never shows two live views.
 *
 * <p>Handlers run on the thread that calls {@link #accept}; live lines on the scheduler's thread.
 * Transports hand lines over on the scheduler's thread, so a node's handlers and its periodic work
 * never run at the same time on a single-threaded scheduler. Thread-safe.
 */
public final class ConsoleSession implements AutoCloseable {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ConsoleShell shell;
    private final String console;
    private final Consumer<String> output;
    private boolean greeted;
    private boolean closed;
    private LiveView live;

    ConsoleSession(ConsoleShell shell, String console, Consumer<String> output) {
        this.shell = shell;
        this.console = Objects.requireNonNull(console, "console");
        this.output = Objects.requireNonNull(output, "output");
    }

    /**
     * Shows the banner and the prompt: for a transport that knows a person just connected. A
     * transport that cannot tell (stdin of a service) skips it; the banner then comes before the
     * first answer.
     */
    public synchronized void start() {
        if (closed || greeted) {
            return;
        }
        greeted = true;
        write(shell.banner() + "\n" + shell.prompt());
    }

    /** Handles one typed line (without its line ending). */
    public synchronized void accept(String line) {
        if (closed) {
            return;
        }
        if (live != null) {
            stopLive();
            write("Stopped.\n" + shell.prompt());
            return;
        }
        String banner = greeted ? "" : shell.banner() + "\n";
        greeted = true;
        Interpretation meaning = shell.interpret(line);
        if (meaning instanceof Interpretation.Blank) {
            write(banner + shell.prompt());
        } else if (meaning instanceof Interpretation.Answer a) {
            write(banner + a.text() + "\n" + shell.prompt());
        } else if (meaning instanceof Interpretation.Run r) {
            if (!banner.isEmpty()) {
                write(banner);
            }
            run(r.command(), r.args());
        }
    }

    /** Ctrl-C: stops a live view, or abandons the line being typed; shows the prompt again. */
    public synchronized void interrupt() {
        if (closed) {
            return;
        }
        String said = live != null ? "Stopped.\n" : "";
        stopLive();
        write("\n" + said + shell.prompt());
    }

    /** True while a live view is showing. */
    public synchronized boolean live() {
        return live != null;
    }

    /** Stops any live view; nothing more is written. */
    @Override
    public synchronized void close() {
        stopLive();
        closed = true;
    }

    private void run(Command command, Args args) {
        Reply reply;
        try {
            reply = Objects.requireNonNull(command.handler().handle(args), "the handler answered null");
        } catch (ConsoleError e) {
            write(e.forTechnician() + "\n" + shell.prompt());
            return;
        } catch (Exception | LinkageError | AssertionError e) {
            write(failed(command, e) + "\n" + shell.prompt());
            return;
        }
        if (command.changesState()) {
            report(command, args);
        }
        if (reply instanceof Reply.Text t) {
            write(tidy(t.text()) + shell.prompt());
        } else if (reply instanceof Reply.Live l) {
            startLive(command, l);
        }
    }

    private void report(Command command, Args args) {
        StateChange change = new StateChange(command.name(), args.written(command.args()), shell.scheduler().now(), console);
        try {
            shell.listener().changed(change);
        } catch (RuntimeException e) {
            Logger.error(e, "console {}: recording the change '{}' failed", console, command.name());
        }
    }

    private void startLive(Command command, Reply.Live reply) {
        LiveView view = new LiveView(command, reply);
        live = view;
        write(tidy(reply.heading()) + "(press Enter to stop)\n");
        tick(view);
        if (live == view) {
            view.task = shell.scheduler().every(reply.period(), reply.period(), () -> tickFromScheduler(view));
        }
    }

    private synchronized void tickFromScheduler(LiveView view) {
        tick(view);
    }

    private void tick(LiveView view) {
        if (live != view || closed) {
            return;
        }
        String line;
        try {
            line = view.reply.next().next();
        } catch (ConsoleError e) {
            stopLive();
            write(e.forTechnician() + "\n" + shell.prompt());
            return;
        } catch (Exception | LinkageError | AssertionError e) {
            stopLive();
            write(failed(view.command, e) + "\n" + shell.prompt());
            return;
        }
        if (line != null) {
            write(tidy(line));
        }
    }

    private void stopLive() {
        if (live != null) {
            Scheduler.Task task = live.task;
            if (task != null) {
                task.cancel();
            }
            live = null;
        }
    }

    /**
     * For anything but a {@link ConsoleError}: the technician cannot fix a bug, so the message says
     * where the details are (the log, by time) and what to do now.
     */
    private String failed(Command command, Throwable e) {
        // the command's name only: its arguments stay out of the log
        Logger.error(e, "console {}: command '{}' failed", console, command.name());
        return "Something went wrong inside the node while running '" + command.name() + "'.\n"
                + "What to do: try once more. If it happens again, write down the time ("
                + LOG_TIME.format(shell.scheduler().now()) + " UTC) and tell the support team: the details are in the node's log.";
    }

    /** Text ending with exactly one newline, {@code \r} removed: transports choose the line ending. */
    private static String tidy(String text) {
        String t = text.replace("\r", "").stripTrailing();
        return t.isEmpty() ? "" : t + "\n";
    }

    private void write(String text) {
        try {
            output.accept(text);
        } catch (RuntimeException e) {
            Logger.warn("console {}: writing to the technician failed ({})", console, e.toString());
        }
    }

    private static final class LiveView {
        final Command command;
        final Reply.Live reply;
        Scheduler.Task task;

        LiveView(Command command, Reply.Live reply) {
            this.command = command;
            this.reply = reply;
        }
    }
}
