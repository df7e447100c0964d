package io.waypoint.drivers.serial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jssc.SerialPort;
import jssc.SerialPortException;
import org.tinylog.Logger;

/**
 * {@link SerialLink} over jssc. Reading is our own poll of the input count on one background thread,
 * every millisecond while the line is busy and every 10 ms while it is quiet: jssc's timed reads
 * busy-spin a core, its blocking read cannot be woken to close the port, and its event thread
 * polls with a sleep that newer JDKs honour to the nanosecond.
 */
final class JsscSerialLink implements SerialLink {
    static final Duration BUSY_POLL = Duration.ofMillis(1);
    static final Duration QUIET_POLL = Duration.ofMillis(10);
    /** How long after the last byte or write the line counts as busy. */
    static final Duration BUSY_FOR = Duration.ofMillis(200);
    private static final int MAX_PIECES = 1024;
    // marks the end of the stream in the queue: a failed or closed port
    private static final Received END = new Received(new byte[0], Instant.EPOCH);
    // ports whose unconfirmed settings were logged: once a process, however often they are reopened
    private static final Set<String> UNCONFIRMED_LOGGED = ConcurrentHashMap.newKeySet();

    private final SerialPort port;
    private final String name;
    private final int baud;
    private final Clock clock;
    private final ScheduledExecutorService poller;
    private final LinkedBlockingDeque<Received> pieces = new LinkedBlockingDeque<>(MAX_PIECES + 1);
    private final AtomicLong dropped = new AtomicLong();
    private volatile SerialLinkException failure;
    private volatile Instant lastActivity;

    private JsscSerialLink(SerialPort port, int baud, Clock clock) {
        this.port = port;
        this.name = port.getPortName();
        this.baud = baud;
        this.clock = clock;
        this.lastActivity = clock.instant();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "serial-rx " + name);
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.poller = executor;
    }

    static JsscSerialLink open(String portName, int baud, Clock clock) throws SerialLinkException {
        if (baud < 50 || baud > 4_000_000) {
            throw new IllegalArgumentException("serial port " + portName + ": baud " + baud + " is not a line speed");
        }
        SerialPort port;
        try {
            port = new SerialPort(portName);
            port.openPort();
        } catch (SerialPortException e) {
            throw onOpen(portName, e);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            throw SerialLinkException.nativeLibrary(portName, e);
        }
        try {
            if (!port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE)
                    && UNCONFIRMED_LOGGED.add(portName + "@" + baud)) {
                // jssc reads the settings back and a pseudo-terminal reports them differently, although
                // they took; on a real adapter it may mean the speed is not supported
                Logger.info("serial port {}: the port did not confirm {} baud 8N1 (normal on a pseudo-terminal); "
                        + "if nothing answers, check that the adapter supports {} baud", portName, baud, baud);
            }
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException e) {
            closeQuietly(port);
            throw SerialLinkException.lost(portName, "setting " + baud + " baud 8N1 failed (" + e.getExceptionType() + ")",
                    e);
        }
        JsscSerialLink link = new JsscSerialLink(port, baud, clock);
        link.poller.execute(link::poll);
        return link;
    }

    private static SerialLinkException onOpen(String portName, SerialPortException e) {
        String type = String.valueOf(e.getExceptionType());
        if (type.equals(SerialPortException.TYPE_PORT_NOT_FOUND)) {
            return SerialLinkException.notFound(portName, e);
        }
        if (type.equals(SerialPortException.TYPE_PERMISSION_DENIED)) {
            return SerialLinkException.permissionDenied(portName, e);
        }
        if (type.equals(SerialPortException.TYPE_PORT_BUSY) || type.equals(SerialPortException.TYPE_PORT_ALREADY_OPENED)) {
            return SerialLinkException.busy(portName, e);
        }
        if (type.equals(SerialPortException.TYPE_INCORRECT_SERIAL_PORT)) {
            return SerialLinkException.notSerial(portName, e);
        }
        return SerialLinkException.lost(portName, "cannot open (" + type + ")", e);
    }

    @Override
    public String port() {
        return name;
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void write(byte[] bytes) throws SerialLinkException {
        SerialLinkException f = failure;
        if (f != null) {
            throw f;
        }
        try {
            if (!port.writeBytes(bytes)) {
                throw SerialLinkException.lost(name, "writing " + bytes.length + " bytes failed", null);
            }
        } catch (SerialPortException e) {
            throw SerialLinkException.lost(name, "writing failed (" + e.getExceptionType() + ")", e);
        }
        lastActivity = clock.instant();
    }

    @Override
    public Optional<Received> receive(Duration maxWait) throws SerialLinkException, InterruptedException {
        Received r = maxWait.isNegative() || maxWait.isZero() ? pieces.pollFirst()
                : pieces.pollFirst(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        if (r == END) {
            pieces.offerFirst(END);
            throw failure;
        }
        if (r == null && failure != null) {
            throw failure;
        }
        return Optional.ofNullable(r);
    }

    @Override
    public long droppedBytes() {
        return dropped.get();
    }

    @Override
    public void close() {
        if (failure == null) {
            end(SerialLinkException.closed(name));
        }
        poller.shutdownNow();
        try {
            // the native handle must not be closed under a poll that is reading it
            poller.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(port);
    }

    private void poll() {
        if (failure != null) {
            return;
        }
        Instant now = clock.instant();
        try {
            int available = port.getInputBufferBytesCount();
            if (available > 0) {
                byte[] bytes = port.readBytes(available);
                if (bytes != null && bytes.length > 0) {
                    keep(new Received(bytes, now));
                    lastActivity = now;
                }
            }
        } catch (SerialPortException e) {
            if (failure == null) {
                Logger.warn("serial port {}: reading failed ({}): check the adapter is still plugged in", name,
                        e.getExceptionType());
                end(SerialLinkException.lost(name, "reading failed (" + e.getExceptionType() + ")", e));
            }
            return;
        }
        Duration next = Duration.between(lastActivity, now).compareTo(BUSY_FOR) < 0 ? BUSY_POLL : QUIET_POLL;
        if (!poller.isShutdown()) {
            poller.schedule(this::poll, next.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void keep(Received piece) {
        while (!pieces.offerLast(piece)) {
            Received oldest = pieces.pollFirst();
            if (oldest != null) {
                dropped.addAndGet(oldest.length());
            }
        }
    }

    private void end(SerialLinkException why) {
        failure = why;
        pieces.offerLast(END);
    }

    private static void closeQuietly(SerialPort port) {
        try {
            if (port.isOpened()) {
                port.closePort();
            }
        } catch (SerialPortException e) {
            Logger.debug("serial port {}: closing: {}", port.getPortName(), e.getExceptionType());
        }
    }

    @Override
    public String toString() {
        return "serial port " + name + " " + baud + " 8N1";
    }
}
