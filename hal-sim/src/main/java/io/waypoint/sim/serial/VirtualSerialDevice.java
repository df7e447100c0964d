package io.waypoint.sim.serial;

import io.waypoint.time.Scheduler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.tinylog.Logger;

/**
 * A simulated device at the far end of a serial cable: a byte stream in, a byte stream out. The
 * cable is a {@link SocatPty} pair; the device holds one end and {@link #driverPort()} names the
 * other, which a driver opens exactly as it would open {@code /dev/ttyUSB0} on a board.
 *
 * <p>Subclasses give the bytes meaning (Modbus frames, AT command lines, VE.Direct blocks). Every
 * callback of a device, {@link #received} and the tasks of {@link #later} and {@link #every}, runs
 * on the device's one thread, in order, so a subclass needs no locks for its own state. Line timing
 * (frame gaps, reply delays) is wall time: the bytes cross a real pseudo-terminal, so even when the
 * simulated world runs faster the line runs at its real speed.
 *
 * <p>The device end is plain {@link FileChannel}s on the terminal, not jssc: socat already made it
 * raw, and a blocking read on a dedicated thread costs nothing while the line is quiet (jssc can only
 * poll), while closing the channel wakes the read at once. Reading and writing use two channels
 * because one {@code FileChannel} lets a write wait for a blocked read. The driver side is where
 * jssc belongs, because that is the code that runs on a board.
 */
public abstract class VirtualSerialDevice implements AutoCloseable {
    private final String name;
    private final Object writeLock = new Object();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private SocatPty pty;
    private FileChannel in;
    private FileChannel out;
    private Scheduler device;

    /** @param name what the device is, for thread names and log lines, e.g. {@code modbus-probe-1} */
    protected VirtualSerialDevice(String name) {
        this.name = name;
    }

    /**
     * Makes the cable and starts the device; a subclass's factory calls it once, after construction.
     *
     * @throws IOException socat is missing or the terminal cannot be opened
     */
    protected final void open() throws IOException {
        if (pty != null) {
            throw new IllegalStateException(name + " is already open");
        }
        pty = SocatPty.start();
        try {
            in = FileChannel.open(pty.deviceEnd(), StandardOpenOption.READ);
            out = FileChannel.open(pty.deviceEnd(), StandardOpenOption.WRITE);
        } catch (IOException e) {
            closeQuietly(in);
            pty.close();
            throw new IOException("simulated " + name + ": cannot open its end of the cable " + pty.deviceEnd()
                    + ": " + e.getMessage() + ": check the permissions of /dev/pts", e);
        }
        device = Scheduler.system("sim-" + name);
        Thread reader = new Thread(this::readLoop, "sim-" + name + "-rx");
        reader.setDaemon(true);
        reader.start();
        Logger.debug("simulated {} listening; drivers open {}", name, driverPort());
    }

    /** The serial port a driver opens to talk to this device, e.g. {@code /dev/pts/7}. */
    public final String driverPort() {
        if (pty == null) {
            throw new IllegalStateException(name + " is not open");
        }
        return pty.driverEnd().toString();
    }

    /** What this device is, as given at construction. */
    public final String name() {
        return name;
    }

    /** Bytes that arrived from the driver since the device opened. */
    public final long bytesReceived() {
        return bytesReceived.get();
    }

    /** Bytes the device put on the line since it opened. */
    public final long bytesSent() {
        return bytesSent.get();
    }

    /**
     * Bytes arrived from the driver, in the pieces the terminal delivered them (a frame may come in
     * several pieces, or several frames in one). Runs on the device thread.
     *
     * @param at when they were read, on the line clock ({@link #lineTime()})
     */
    protected abstract void received(byte[] bytes, Instant at);

    /**
     * Puts {@code bytes} on the line towards the driver at once; ignored once the device is closed.
     * Unlike a real line, which loses what nobody listens to, a terminal buffers a few KiB and then
     * blocks the writer until the driver reads: a device that talks unasked (a charge controller's
     * blocks every second) waits here while no driver has the port open.
     */
    protected final void send(byte[] bytes) {
        synchronized (writeLock) {
            if (closed.get()) {
                return;
            }
            try {
                ByteBuffer b = ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) {
                    out.write(b);
                }
                bytesSent.addAndGet(bytes.length);
            } catch (IOException e) {
                if (!closed.get()) {
                    Logger.error("simulated {}: writing {} bytes to {} failed: {}", name, bytes.length,
                            pty.deviceEnd(), e.toString());
                }
            }
        }
    }

    /** Runs {@code task} on the device thread after {@code delay} of line time. */
    protected final Scheduler.Task later(Duration delay, Runnable task) {
        return device.schedule(delay, task);
    }

    /** Runs {@code task} on the device thread every {@code period} of line time. */
    protected final Scheduler.Task every(Duration initialDelay, Duration period, Runnable task) {
        return device.every(initialDelay, period, task);
    }

    /** Now, on the line clock (wall time). */
    protected final Instant lineTime() {
        return device.now();
    }

    /** Stops the device and removes the cable; the driver's port goes away. Harmless if repeated. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (device != null) {
            device.close();
        }
        // closing wakes a read, and a write blocked on a full terminal, at once
        closeQuietly(in);
        closeQuietly(out);
        if (pty != null) {
            pty.close();
        }
    }

    private void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            Logger.debug("simulated {}: closing its end: {}", name, e.toString());
        }
    }

    private void readLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        while (!closed.get()) {
            buffer.clear();
            int n;
            try {
                n = in.read(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!closed.get()) {
                    Logger.error("simulated {}: reading {} failed: {}; the device stops", name, pty.deviceEnd(),
                            e.toString());
                }
                return;
            }
            if (n < 0) {
                if (!closed.get()) {
                    Logger.warn("simulated {}: {} reached its end; the device stops", name, pty.deviceEnd());
                }
                return;
            }
            byte[] bytes = Arrays.copyOf(buffer.array(), n);
            Instant at = lineTime();
            bytesReceived.addAndGet(n);
            try {
                device.schedule(Duration.ZERO, () -> received(bytes, at));
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "simulated " + name + (pty == null ? " (not open)" : " on " + driverPort());
    }
}
