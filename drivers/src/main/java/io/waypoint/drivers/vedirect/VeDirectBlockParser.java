package io.waypoint.drivers.vedirect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the bytes of a VE.Direct line into readings: pure, no I/O, no time, one instance per line,
 * not thread-safe.
 *
 * <p>The text protocol sends a block about every second: fields {@code \r\n<label>\t<value>}, the
 * last one {@code \r\nChecksum\t<one byte>}, and all bytes of the block, from its first
 * {@code \r\n} to the checksum byte, sum to 0 mod 256. The checksum byte can be any value, even
 * {@code \r}, {@code \n} or {@code :}, so it is taken as the one byte after {@code Checksum\t}.
 *
 * <p>Hex-protocol frames ({@code :} up to {@code \n}) may come between blocks or between the lines
 * of a block; they are skipped and are not part of the checksum, as in Victron's reference frame
 * handler. Everything else that is wrong costs the block it is in and nothing more: a bad checksum
 * drops the block; a label seen twice in one block means the first block was cut short, so it is
 * dropped and the second one read from that line on; a line without a tab, a label or value longer
 * than any the protocol sends, or too many fields drop the block and wait for the next line break.
 * Noise between blocks is skipped and does not spoil the next block. Until the first checksum line
 * has gone by, a block may be the tail of one that began before the reader listened, so its loss
 * is not counted as a fault.
 */
final class VeDirectBlockParser {
    // the protocol's own limits are 9-character labels, 33-character values and 22 fields a block;
    // a little room for devices that stretch them, none for a stream of garbage without line breaks
    static final int MAX_LABEL = 16;
    static final int MAX_VALUE = 64;
    static final int MAX_FIELDS = 40;
    static final int MAX_HEX_FRAME = 128;
    private static final String CHECKSUM = "Checksum";

    private enum State { IDLE, LINE_START, LABEL, VALUE, CHECKSUM, HEX }

    private State state = State.IDLE;
    private State beforeHex = State.IDLE;
    private int hexLength;
    private boolean previousWasCr;
    private boolean synced;
    private int sum;
    private int lineSum;
    private final StringBuilder label = new StringBuilder();
    private final StringBuilder value = new StringBuilder();
    private final Map<String, String> fields = new LinkedHashMap<>();

    private long bytes;
    private long blocks;
    private long badChecksum;
    private long cutBlocks;
    private long hexFrames;
    private long noiseBytes;

    /** Reads {@code data}; returns the readings of the blocks it completed, in order. */
    List<VeDirectReading> feed(byte[] data) {
        List<VeDirectReading> readings = new ArrayList<>(1);
        for (byte b : data) {
            VeDirectReading r = accept(b & 0xFF);
            if (r != null) {
                readings.add(r);
            }
        }
        return readings;
    }

    /**
     * The line went quiet in the middle of a block: a real device sends a block in one burst, so
     * what was gathered is the start of a block that will never be finished.
     */
    void lineWentQuiet() {
        if (state != State.IDLE && state != State.HEX) {
            dropBlock();
        }
        if (state == State.HEX) {
            // a hex frame cut short: nothing to count but the frame is not waited for
            hexLength = 0;
        }
        state = State.IDLE;
        previousWasCr = false;
    }

    /** Whether the parser is in the middle of a block or frame (bytes gathered, no end yet). */
    boolean inBlock() {
        return state != State.IDLE;
    }

    VeDirectStats stats() {
        return new VeDirectStats(bytes, blocks, badChecksum, cutBlocks, hexFrames, noiseBytes);
    }

    private VeDirectReading accept(int b) {
        bytes++;
        if (state == State.HEX) {
            hex(b);
            return null;
        }
        if (b == ':' && state != State.CHECKSUM) {
            beforeHex = state;
            hexLength = 1;
            state = State.HEX;
            return null;
        }
        switch (state) {
            case IDLE -> idle(b);
            case LINE_START -> lineStart(b);
            case LABEL -> label(b);
            case VALUE -> value(b);
            case CHECKSUM -> {
                return checksum(b);
            }
            default -> throw new IllegalStateException(state.name());
        }
        return null;
    }

    private void idle(int b) {
        if (b == '\n') {
            startBlock();
        } else if (b != '\r') {
            noiseBytes++;
        }
        previousWasCr = b == '\r';
    }

    /** A line break outside a block: a block may start here, its checksum begins with these bytes. */
    private void startBlock() {
        fields.clear();
        sum = (previousWasCr ? '\r' : 0) + '\n';
        lineSum = sum;
        state = State.LINE_START;
    }

    private void lineStart(int b) {
        if (b == '\r' || b == '\n') {
            // an empty line is no field: whatever was gathered is not a block
            if (!fields.isEmpty()) {
                dropBlock();
            }
            state = State.IDLE;
            previousWasCr = false;
            idle(b);
            return;
        }
        label.setLength(0);
        label.append((char) b);
        add(b);
        state = State.LABEL;
    }

    private void label(int b) {
        if (b == '\t') {
            add(b);
            String name = label.toString();
            if (name.equals(CHECKSUM)) {
                state = State.CHECKSUM;
                return;
            }
            if (fields.containsKey(name)) {
                // the block before was cut short and a new one began at this line
                dropBlock();
                fields.clear();
                sum = lineSum;
            }
            value.setLength(0);
            previousWasCr = false;
            state = State.VALUE;
        } else if (b == '\r' || b == '\n' || label.length() >= MAX_LABEL) {
            malformed(b);
        } else {
            label.append((char) b);
            add(b);
        }
    }

    private void value(int b) {
        if (b == '\n') {
            add(b);
            if (fields.size() >= MAX_FIELDS) {
                malformed(b);
                return;
            }
            fields.put(label.toString(), value.toString());
            lineSum = (previousWasCr ? '\r' : 0) + '\n';
            previousWasCr = false;
            state = State.LINE_START;
        } else if (b == '\r') {
            add(b);
            previousWasCr = true;
        } else if (value.length() >= MAX_VALUE) {
            malformed(b);
        } else {
            if (previousWasCr) {
                value.append('\r');
                previousWasCr = false;
            }
            value.append((char) b);
            add(b);
        }
    }

    private VeDirectReading checksum(int b) {
        add(b);
        boolean valid = (sum & 0xFF) == 0;
        VeDirectReading reading = null;
        if (valid) {
            blocks++;
            reading = new VeDirectReading(fields);
        } else if (synced) {
            badChecksum++;
        }
        synced = true;
        fields.clear();
        state = State.IDLE;
        previousWasCr = false;
        return reading;
    }

    private void hex(int b) {
        hexLength++;
        if (b == '\n') {
            hexFrames++;
            state = beforeHex;
        } else if (hexLength > MAX_HEX_FRAME) {
            // no hex frame is this long: it was a stray ':' in noise
            noiseBytes += hexLength;
            if (beforeHex != State.IDLE) {
                dropBlock();
            }
            state = State.IDLE;
            previousWasCr = false;
        }
    }

    /** A line in the block is no field: the block is lost, a new one may start at the next line break. */
    private void malformed(int b) {
        dropBlock();
        state = State.IDLE;
        previousWasCr = false;
        if (b == '\n') {
            startBlock();
        } else {
            previousWasCr = b == '\r';
        }
    }

    private void dropBlock() {
        if (fields.isEmpty()) {
            // a line of noise that happened to follow a line break: no block was under way
            noiseBytes += label.length() + value.length();
        } else if (synced) {
            cutBlocks++;
        }
        fields.clear();
    }

    private void add(int b) {
        sum += b;
        lineSum += b;
    }
}
