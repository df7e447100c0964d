package io.waypoint.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HexFormat;

/**
 * An input that broke a parser, or came close: what it did, and the input itself, so that it can be
 * replayed and put into the regression corpus.
 *
 * @param index  which input of the run it was (the run is reproducible from its seed)
 * @param detail the exception and its first frames, or where a hang was
 * @param nanos  how long it ran: CPU time, or for a hang the wall time until it was given up
 */
public record Finding(String target, Kind kind, String signature, String detail, long index, long nanos, byte[] input) {

    public enum Kind {
        /** An exception or error escaped the parser, or it broke a promise ({@link InvariantViolation}). */
        CRASH,
        /** The input ran past the per-input deadline: a hang, or a blow-up that is as good as one. */
        HANG,
        /** The input of the run that took most CPU time: no failure, but where a quadratic path would show first. */
        SLOW
    }

    public Finding {
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    static Finding crash(String target, long index, long nanos, byte[] input, Throwable t) {
        return new Finding(target, Kind.CRASH, signature(t), firstFrames(t, 6), index, nanos, input);
    }

    /** The exception's class and where it was thrown: one signature per bug, not per input. */
    static String signature(Throwable t) {
        StackTraceElement[] frames = t.getStackTrace();
        String at = frames.length == 0 ? "?" : frames[0].getClassName().replaceAll(".*\\.", "") + "." + frames[0].getMethodName()
                + ":" + frames[0].getLineNumber();
        return t.getClass().getSimpleName() + " at " + at;
    }

    private static String firstFrames(Throwable t, int frames) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        String[] lines = w.toString().split("\n");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, frames + 1); i++) {
            b.append(lines[i].stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** The input as a Java string literal's content, cut to {@code max} characters, for a report line. */
    public static String printable(byte[] input, int max) {
        StringBuilder b = new StringBuilder();
        for (byte x : input) {
            int c = x & 0xFF;
            if (b.length() >= max) {
                b.append("… (").append(input.length).append(" bytes)");
                break;
            }
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7F) {
                        b.append((char) c);
                    } else {
                        b.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
                    }
                }
            }
        }
        return b.toString();
    }

    /** A file name for the input: target, kind and a hash of the bytes. */
    public String fileName() {
        long h = 1125899906842597L;
        for (byte x : input) {
            h = 31 * h + x;
        }
        return kind.name().toLowerCase() + "-" + Long.toHexString(h) + ".bin";
    }
}
