package io.waypoint.console;

import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import org.tinylog.Logger;

/**
 * The console on a process's standard input and output: a technician who started the node by hand,
 * or over SSH. Lines are read on a daemon thread and run on the scheduler's thread.
 *
 * <p>A node started by systemd has no stdin (it reads end-of-file at once): the console then ends
 * quietly and writes nothing. That is also why the banner waits for the first line instead of
 * being printed at start. The terminal echoes what the person types; this console does not.
 */
public final class StdinConsole implements AutoCloseable {
    private final ConsoleSession session;
    private final InputStream in;
    private final Scheduler scheduler;
    private final Thread reader;
    private volatile boolean ended;
    private volatile boolean closed;

    private StdinConsole(ConsoleShell shell, Scheduler scheduler, InputStream in, PrintStream out) {
        this.in = in;
        this.scheduler = scheduler;
        this.session = shell.open("stdin", text -> {
            out.print(text);
            out.flush();
        });
        this.reader = new Thread(this::read, "console-stdin");
        reader.setDaemon(true);
    }

    /**
     * Starts reading {@code in} ({@code System.in} in production) and answering on {@code out}.
     *
     * @param scheduler where the lines are handed over to run: the node's own scheduler
     */
    public static StdinConsole start(ConsoleShell shell, Scheduler scheduler, InputStream in, PrintStream out) {
        StdinConsole c = new StdinConsole(Objects.requireNonNull(shell, "shell"), Objects.requireNonNull(scheduler, "scheduler"),
                Objects.requireNonNull(in, "in"), Objects.requireNonNull(out, "out"));
        c.reader.start();
        return c;
    }

    /** True once the input has ended (end of file, or the stream failed) or the console was closed. */
    public boolean ended() {
        return ended;
    }

    /**
     * Stops answering. A thread blocked reading {@code System.in} cannot be woken: it ends at the
     * next input or end of file, and being a daemon it never holds the process up.
     */
    @Override
    public void close() {
        closed = true;
        ended = true;
        session.close();
    }

    private void read() {
        LineEditor editor = new LineEditor(new LineEditor.Listener() {
            @Override
            public void echo(String text) {
                // the terminal has already shown what was typed
            }

            @Override
            public void line(String line) {
                scheduler.schedule(Duration.ZERO, () -> session.accept(line));
            }

            @Override
            public void interrupt() {
                scheduler.schedule(Duration.ZERO, session::interrupt);
            }
        });
        byte[] buffer = new byte[1024];
        try {
            int n;
            while (!closed && (n = in.read(buffer)) >= 0) {
                editor.feed(buffer, 0, n);
            }
            Logger.debug("console stdin: end of input");
        } catch (IOException e) {
            Logger.debug("console stdin: input ended ({})", e.toString());
        } finally {
            ended = true;
            scheduler.schedule(Duration.ZERO, session::close);
        }
    }
}
