package io.waypoint.console;

import io.waypoint.time.Scheduler;
import io.waypoint.uplink.ReconnectBackoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.tinylog.Logger;

/**
 * The console on a serial port: a USB-serial cable into the Pi, or the Pi's own UART, with a
 * person at minicom, screen or PuTTY on the other end. It echoes what they type, handles Backspace
 * and DEL, ends its lines with CR LF, greets with a banner and prompts with the node's name.
 *
 * <p>The port is polled on the scheduler every 40 ms of wall time (jssc's timed reads busy-spin a
 * core), so lines run on the scheduler's thread like the node's other work; garbage bytes are
 * dropped. Writing is done by a daemon thread of its own: a terminal that stops reading fills the
 * line's buffers and would block a write, which must never stop the node's scheduler; output it
 * cannot take is dropped.
 *
 * <p>When the port vanishes (a USB-serial adapter unplugged) the console logs it once and reopens
 * it with a growing delay, 1 s to 15 s; each reopening greets again, and a live view on the lost
 * port ends. A port that is not there at start is waited for the same way. A pseudo-terminal makes
 * jssc's {@code setParams} answer false although it applied the settings: that is logged, not fatal.
 */
public final class SerialConsole implements AutoCloseable {
    /** The usual speed of a Pi's console port. */
    public static final int DEFAULT_BAUD = 115_200;
    private static final Duration POLL = Duration.ofMillis(40);
    /** Answers waiting to be written; beyond this the person is not reading and output is dropped. */
    private static final int OUTPUT_BACKLOG = 256;

    private final ConsoleShell shell;
    private final Scheduler scheduler;
    private final String path;
    private final int baud;
    private final ReconnectBackoff backoff;
    private final BlockingQueue<byte[]> output = new ArrayBlockingQueue<>(OUTPUT_BACKLOG);
    private final Thread writer;

    private volatile SerialPort port;
    private volatile boolean writeFailed;
    private ConsoleSession session;
    private LineEditor editor;
    private Scheduler.Task poll;
    private Scheduler.Task retry;
    private boolean everOpened;
    private boolean troubleLogged;
    private boolean paramsLogged;
    private volatile boolean dropLogged;
    private volatile boolean closed;

    private SerialConsole(ConsoleShell shell, Scheduler scheduler, String path, int baud, ReconnectBackoff backoff) {
        this.shell = Objects.requireNonNull(shell, "shell");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.path = Objects.requireNonNull(path, "path");
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive, was " + baud);
        }
        this.baud = baud;
        this.backoff = backoff;
        this.writer = new Thread(this::writeOutput, "console-writer " + path);
        writer.setDaemon(true);
    }

    /** Opens {@code portPath} at {@link #DEFAULT_BAUD} (on the scheduler: this call does not wait). */
    public static SerialConsole start(ConsoleShell shell, Scheduler scheduler, String portPath) {
        return start(shell, scheduler, portPath, DEFAULT_BAUD);
    }

    /**
     * Opens {@code portPath} at {@code baud}, 8N1, on the scheduler: this call does not wait, and a
     * missing port is retried in the background.
     *
     * @param portPath a device path; prefer a {@code /dev/serial/by-id/...} name for a USB adapter,
     *                 it stays the same when the adapter is plugged in again
     */
    public static SerialConsole start(ConsoleShell shell, Scheduler scheduler, String portPath, int baud) {
        return start(shell, scheduler, portPath, baud,
                new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 0, Duration.ofSeconds(30),
                        Duration.ofSeconds(15), () -> 0.5));
    }

    static SerialConsole start(ConsoleShell shell, Scheduler scheduler, String portPath, int baud, ReconnectBackoff backoff) {
        SerialConsole c = new SerialConsole(shell, scheduler, portPath, baud, backoff);
        c.writer.start();
        scheduler.schedule(Duration.ZERO, c::open);
        return c;
    }

    /** True while the port is open. */
    public boolean connected() {
        return port != null;
    }

    /** Closes the port and stops retrying; a live view stops. */
    @Override
    public synchronized void close() {
        closed = true;
        cancel(retry);
        shutPort();
        writer.interrupt();
    }

    private synchronized void open() {
        if (closed || port != null) {
            return;
        }
        SerialPort p = new SerialPort(path);
        try {
            p.openPort();
            if (!p.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE)) {
                if (!paramsLogged) {
                    Logger.info("console {}: the port did not confirm {} baud 8N1 (a pseudo-terminal never does); going on",
                            path, baud);
                    paramsLogged = true;
                }
            }
        } catch (SerialPortException | LinkageError e) {
            release(p);
            trouble(e instanceof SerialPortException spe ? advice(spe) : "the serial library did not load (" + e + ")");
            return;
        }
        output.clear();
        port = p;
        writeFailed = false;
        dropLogged = false;
        backoff.connected(scheduler.now());
        if (!everOpened) {
            Logger.info("console on {} at {} baud", path, baud);
        } else if (troubleLogged) {
            Logger.info("console {}: the port is back", path);
        }
        everOpened = true;
        troubleLogged = false;
        ConsoleSession s = shell.open("serial " + path, this::writeText);
        session = s;
        editor = new LineEditor(new LineEditor.Listener() {
            @Override
            public void echo(String text) {
                queue(text);
            }

            @Override
            public void line(String line) {
                s.accept(line);
            }

            @Override
            public void interrupt() {
                s.interrupt();
            }
        });
        Duration every = schedulerTime(POLL);
        poll = scheduler.every(every, every, this::poll);
        s.start();
    }

    private synchronized void poll() {
        SerialPort p = port;
        if (closed || p == null) {
            return;
        }
        byte[] received;
        try {
            if (writeFailed) {
                throw new IOException("writing to it failed");
            }
            if (!Files.exists(Path.of(path))) {
                throw new IOException("it is gone");
            }
            int n = p.getInputBufferBytesCount();
            if (n < 0) {
                throw new IOException("it does not answer");
            }
            // only what is already there: a read never waits
            received = n > 0 ? p.readBytes(n) : null;
        } catch (IOException e) {
            lost(e);
            return;
        }
        if (received != null) {
            editor.feed(received, 0, received.length);
        }
    }

    private void lost(IOException e) {
        shutPort();
        backoff.disconnected(scheduler.now());
        trouble("the port was lost (" + e.getMessage() + "): was the cable unplugged?");
    }

    /** Logged once per outage; the retries stay quiet. */
    private void trouble(String why) {
        if (!troubleLogged) {
            Logger.warn("console {}: {}; trying again in the background", path, why);
            troubleLogged = true;
        }
        retry = scheduler.schedule(schedulerTime(backoff.afterFailure()), this::open);
    }

    private void shutPort() {
        cancel(poll);
        poll = null;
        if (session != null) {
            session.close();
            session = null;
        }
        SerialPort p = port;
        port = null;
        output.clear();
        if (p != null) {
            release(p);
        }
    }

    private static void release(SerialPort p) {
        try {
            if (p.isOpened()) {
                p.closePort();
            }
        } catch (SerialPortException e) {
            Logger.debug("console {}: closing the port: {}", p.getPortName(), e.getMessage());
        }
    }

    private static String advice(SerialPortException e) {
        String type = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(type)) {
            return "the port is not there: is the USB-serial cable plugged in, and is the path right?";
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(type)) {
            return "the port is busy: another program has it open (a login console? disable serial-getty on it)";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(type)) {
            return "permission denied: add the user that runs waypoint to the dialout group";
        }
        return "the port did not open (" + e.getMessage() + ")";
    }

    private void writeText(String text) {
        queue(text.replace("\n", "\r\n"));
    }

    private void queue(String text) {
        if (port == null || closed) {
            return;
        }
        if (!output.offer(text.getBytes(StandardCharsets.UTF_8)) && !dropLogged) {
            dropLogged = true;
            Logger.info("console {}: the terminal is not reading; its output is dropped until it does", path);
        }
    }

    private void writeOutput() {
        while (!closed) {
            byte[] bytes;
            try {
                bytes = output.take();
            } catch (InterruptedException e) {
                return;
            }
            SerialPort p = port;
            if (p == null || writeFailed) {
                continue;
            }
            boolean written;
            try {
                written = p.writeBytes(bytes);
            } catch (SerialPortException e) {
                written = false;
            }
            if (!written && p == port) {
                writeFailed = true; // the next poll finds it and reopens the port
            }
        }
    }

    /** Port timing is wall time: a simulator running 60 times faster does not make a person type faster. */
    private Duration schedulerTime(Duration wall) {
        return Duration.ofNanos((long) (wall.toNanos() * scheduler.speed()));
    }

    private static void cancel(Scheduler.Task task) {
        if (task != null) {
            task.cancel();
        }
    }
}
