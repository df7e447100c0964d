package io.waypoint.drivers.serial;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A serial port opened at a baud rate, 8 data bits, no parity, 1 stop bit: bytes out, bytes in,
 * each piece stamped with when it arrived. What the bytes mean (Modbus frames, AT lines, VE.Direct
 * blocks) is the business of the driver on top.
 *
 * <p>Received bytes are gathered in the background and wait, in order, for {@link #receive}; if
 * nobody takes them the oldest are dropped (counted by {@link #droppedBytes()}), as a UART's buffer
 * would overflow. Thread-safe: one thread may receive while another writes.
 */
public interface SerialLink extends AutoCloseable {

    /**
     * Opens {@code port} (a path such as {@code /dev/ttyUSB0}, {@code /dev/serial/by-id/...} or a
     * simulator's {@code /dev/pts/7}) at {@code baud} 8N1.
     *
     * @param clock stamps received bytes; give the wall clock (line timing is real time even when a
     *              simulated world runs faster)
     * @throws SerialLinkException the port is missing, busy or not permitted; the message says what
     *                             to check
     */
    static SerialLink open(String port, int baud, Clock clock) throws SerialLinkException {
        return JsscSerialLink.open(port, baud, clock);
    }

    /** The port's path, as opened. */
    String port();

    /** The line speed in bits per second. */
    int baud();

    /** The clock that stamps received bytes. */
    Clock clock();

    /** Sends {@code bytes} now. */
    void write(byte[] bytes) throws SerialLinkException;

    /**
     * The next piece of received bytes, waiting at most {@code maxWait} for one (zero: only what is
     * already there); empty if none came. Pieces are as the port delivered them: a frame may come in
     * several, or several frames in one.
     *
     * @throws SerialLinkException the port failed (unplugged adapter) or was closed
     */
    Optional<Received> receive(Duration maxWait) throws SerialLinkException, InterruptedException;

    /** Received bytes dropped because nobody took them in time. */
    long droppedBytes();

    /** Closes the port; a {@link #receive} waiting elsewhere ends with an exception. Harmless if repeated. */
    @Override
    void close();

    /** Bytes that arrived together, and when (on the link's clock). */
    record Received(byte[] bytes, Instant at) {
        public Received {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }
    }
}
