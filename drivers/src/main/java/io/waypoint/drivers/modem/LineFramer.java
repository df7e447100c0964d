package io.waypoint.drivers.modem;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the bytes a modem sends into lines at CR and LF. Lines stay bytes (see {@link AtLine}); empty
 * lines, which every response is wrapped in, are dropped. A line longer than {@link #MAX_LINE} is
 * noise without an end: it is dropped whole, up to the next CR or LF.
 *
 * <p>One line has no end: the {@code >} prompt (with its space) by which a modem asks for an SMS's
 * text. A piece that leaves exactly that pending hands it over as a line at once, or it would wait
 * for the modem, which waits for us.
 */
final class LineFramer {
    /** Longer than any line the modem logic reads. */
    static final int MAX_LINE = 512;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;
    private long droppedLines;

    /** The lines completed by {@code bytes}, in order; an unfinished line waits for the next piece. */
    List<byte[]> accept(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>(2);
        for (byte b : bytes) {
            if (b == '\r' || b == '\n') {
                if (overlong) {
                    droppedLines++;
                } else if (line.size() > 0) {
                    lines.add(line.toByteArray());
                }
                line.reset();
                overlong = false;
            } else if (!overlong) {
                if (line.size() == MAX_LINE) {
                    overlong = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
        if (!overlong && isPrompt(line.toByteArray())) {
            lines.add(line.toByteArray());
            line.reset();
        }
        return lines;
    }

    private static boolean isPrompt(byte[] pending) {
        return pending.length == 1 && pending[0] == '>' || pending.length == 2 && pending[0] == '>' && pending[1] == ' ';
    }

    /** Over-long lines dropped so far. */
    long droppedLines() {
        return droppedLines;
    }
}
