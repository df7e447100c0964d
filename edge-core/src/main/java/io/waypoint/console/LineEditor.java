package io.waypoint.console;

import java.nio.charset.StandardCharsets;

/**
 * Turns the bytes a person's terminal sends into lines, the way a terminal's line discipline would:
 * what to echo, Backspace and DEL (PuTTY, minicom and screen send either), Ctrl-U to clear the line,
 * Ctrl-C, and CR, LF or CR LF to end a line. Arrow and function keys (escape sequences) are
 * dropped, as are other control bytes and bytes that are not UTF-8: the serial line may carry
 * noise. A line stops growing one character past {@link ConsoleShell#MAX_LINE_CHARS}, so the
 * shell can tell it was too long without the editor holding an endless line of garbage.
 *
 * <p>Pure logic, not thread-safe: one transport's reading thread feeds it.
 */
final class LineEditor {
    /** What the editor found in the bytes, in the order they came. */
    interface Listener {
        /** Text to send back so the person sees what they type. */
        void echo(String text);

        /** A complete line, without its ending. */
        void line(String line);

        /** Ctrl-C. */
        void interrupt();
    }

    private enum State { TEXT, ESCAPE, CONTROL_SEQUENCE, SINGLE_SHIFT }

    /** An escape sequence longer than this is noise, not a key. */
    private static final int LONGEST_SEQUENCE = 16;

    private final Listener listener;
    private final int cap = ConsoleShell.MAX_LINE_CHARS + 1;
    private final StringBuilder line = new StringBuilder();
    private final byte[] pending = new byte[4];
    private int pendingLength;
    private int pendingNeeded;
    private State state = State.TEXT;
    private int sequenceLength;
    private boolean afterCr;

    LineEditor(Listener listener) {
        this.listener = listener;
    }

    void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            feed(bytes[i] & 0xFF);
        }
    }

    private void feed(int b) {
        switch (state) {
            case ESCAPE -> {
                if (b == '[') {
                    state = State.CONTROL_SEQUENCE;
                    sequenceLength = 0;
                } else if (b == 'O') {
                    state = State.SINGLE_SHIFT;
                } else {
                    state = State.TEXT;
                    text(b);
                }
            }
            case CONTROL_SEQUENCE -> {
                if (b >= 0x40 && b <= 0x7E) {
                    state = State.TEXT;
                } else if (b < 0x20 || b > 0x3F || ++sequenceLength > LONGEST_SEQUENCE) {
                    state = State.TEXT;
                    text(b);
                }
            }
            case SINGLE_SHIFT -> {
                state = State.TEXT;
                if (b < 0x40 || b > 0x7E) {
                    text(b);
                }
            }
            case TEXT -> text(b);
        }
    }

    private void text(int b) {
        boolean cr = b == '\r';
        boolean lfAfterCr = b == '\n' && afterCr;
        afterCr = cr;
        if (pendingNeeded > 0) {
            if ((b & 0xC0) == 0x80) {
                pending[pendingLength++] = (byte) b;
                if (pendingLength == pendingNeeded) {
                    appendPending();
                }
                return;
            }
            pendingNeeded = 0; // a broken sequence: drop it and read this byte afresh
        }
        if (lfAfterCr) {
            return;
        }
        if (cr || b == '\n') {
            endLine();
        } else if (b == 0x08 || b == 0x7F) {
            rubOut();
        } else if (b == 0x15) {
            while (!line.isEmpty()) {
                rubOut();
            }
        } else if (b == 0x03) {
            line.setLength(0);
            listener.echo("^C");
            listener.interrupt();
        } else if (b == 0x1B) {
            state = State.ESCAPE;
        } else if (b == '\t') {
            append(" ");
        } else if (b >= 0x20 && b < 0x7F) {
            append(String.valueOf((char) b));
        } else if (b >= 0xC2 && b <= 0xF4) {
            pending[0] = (byte) b;
            pendingLength = 1;
            pendingNeeded = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        }
        // anything else: other control bytes, a stray continuation byte, an impossible lead byte
    }

    private void appendPending() {
        pendingNeeded = 0;
        String s = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
        // overlong forms and surrogates decode to U+FFFD; C1 controls would drive the terminal
        if (s.codePointCount(0, s.length()) == 1 && s.codePointAt(0) != 0xFFFD && !Character.isISOControl(s.codePointAt(0))
                && Character.getType(s.codePointAt(0)) != Character.SURROGATE) {
            append(s);
        }
    }

    private void append(String s) {
        if (line.codePointCount(0, line.length()) >= cap) {
            return;
        }
        line.append(s);
        listener.echo(s);
    }

    private void rubOut() {
        if (line.isEmpty()) {
            return;
        }
        line.setLength(line.offsetByCodePoints(line.length(), -1));
        listener.echo("\b \b");
    }

    private void endLine() {
        String text = line.toString();
        line.setLength(0);
        listener.echo("\r\n");
        listener.line(text);
    }
}
