package io.waypoint.fuzz;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Changes an input a little, the ways real lines and files go wrong: flipped bits, bytes lost or
 * repeated, a field written twice, a cut, two inputs spliced, a hostile value or a word of the format
 * put in, a number replaced by an extreme one, a very long run, changed case. One to four changes
 * are stacked. The result never exceeds the target's size limit.
 */
public final class Mutator {
    private static final byte[] STRUCTURAL = {0, (byte) 0xFF, 0x7F, (byte) 0x80, '\r', '\n', '\t', ' ', '"', '\'', ':',
            ',', '{', '}', '[', ']', '=', '#', '\\', '.', '-', '+', '/', ';'};

    private final List<byte[]> dictionary;
    private final List<byte[]> hostile = HostileValues.tokens();
    private int maxBytes;

    public Mutator(List<byte[]> dictionary) {
        this.dictionary = List.copyOf(dictionary);
    }

    /**
     * {@code input} changed one to four times, at most {@code maxBytes} long; {@code other} is a
     * second input to splice from.
     */
    public byte[] mutate(byte[] input, byte[] other, SplittableRandom random, int maxBytes) {
        this.maxBytes = maxBytes;
        byte[] b = input.length > maxBytes ? Arrays.copyOf(input, maxBytes) : input;
        int changes = 1 + (random.nextInt(8) == 0 ? random.nextInt(1, 4) : random.nextInt(2));
        for (int i = 0; i < changes; i++) {
            b = once(b, other, random);
            if (b.length > maxBytes) {
                b = Arrays.copyOf(b, maxBytes);
            }
        }
        return b;
    }

    private byte[] once(byte[] b, byte[] other, SplittableRandom r) {
        if (b.length == 0) {
            return insert(b, 0, token(r));
        }
        int at = r.nextInt(b.length);
        switch (r.nextInt(18)) {
            case 0 -> {
                b = b.clone();
                b[at] ^= (byte) (1 << r.nextInt(8));
                return b;
            }
            case 1 -> {
                b = b.clone();
                b[at] = (byte) r.nextInt(256);
                return b;
            }
            case 2 -> {
                b = b.clone();
                b[at] = STRUCTURAL[r.nextInt(STRUCTURAL.length)];
                return b;
            }
            case 3 -> {
                byte[] noise = new byte[r.nextInt(1, 9)];
                r.nextBytes(noise);
                return insert(b, r.nextInt(b.length + 1), noise);
            }
            case 4 -> {
                return delete(b, at, 1 + r.nextInt(Math.min(16, b.length - at)));
            }
            case 5 -> {
                return delete(b, at, 1 + r.nextInt(b.length - at));
            }
            case 6 -> {
                // a field repeated: a chunk written again right after itself, a few times
                int length = 1 + r.nextInt(Math.min(64, b.length - at));
                byte[] chunk = Arrays.copyOfRange(b, at, at + length);
                byte[] out = b;
                for (int k = r.nextInt(1, r.nextInt(8) == 0 ? 200 : 4); k > 0 && out.length < maxBytes; k--) {
                    out = insert(out, at + length, chunk);
                }
                return out;
            }
            case 7 -> {
                // a prefix of this input and a suffix of the other
                int cut = r.nextInt(other.length + 1);
                return concat(Arrays.copyOf(b, at), Arrays.copyOfRange(other, cut, other.length));
            }
            case 8 -> {
                return Arrays.copyOf(b, at);
            }
            case 9, 10 -> {
                return insert(b, r.nextInt(b.length + 1), token(r));
            }
            case 11 -> {
                return replaceNumber(b, r);
            }
            case 12 -> {
                // a very long run: a line without end, a value of megabytes
                byte[] unit = r.nextBoolean() ? new byte[] {(byte) r.nextInt(256)} : token(r);
                int times = Math.max(1, r.nextInt(Math.max(2, (maxBytes - b.length) / Math.max(1, unit.length))));
                ByteArrayOutputStream run = new ByteArrayOutputStream();
                for (int k = 0; k < times && run.size() + b.length < maxBytes; k++) {
                    run.writeBytes(unit);
                }
                return insert(b, r.nextInt(b.length + 1), run.toByteArray());
            }
            case 13 -> {
                int length = 1 + r.nextInt(Math.min(32, b.length - at));
                int to = r.nextInt(b.length - length + 1);
                byte[] out = b.clone();
                System.arraycopy(b, at, out, to, length);
                return out;
            }
            case 14 -> {
                byte[] out = b.clone();
                int end = Math.min(b.length, at + 1 + r.nextInt(16));
                for (int i = at; i < end; i++) {
                    byte c = out[i];
                    if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                        out[i] = (byte) (c ^ 0x20);
                    }
                }
                return out;
            }
            case 15 -> {
                return concat(b, other);
            }
            case 16 -> {
                return lineChange(b, r);
            }
            default -> {
                byte[] out = b.clone();
                out[at] = (byte) (out[at] + r.nextInt(-3, 4));
                return out;
            }
        }
    }

    private byte[] token(SplittableRandom r) {
        if (!dictionary.isEmpty() && r.nextInt(3) > 0) {
            return dictionary.get(r.nextInt(dictionary.size()));
        }
        return hostile.get(r.nextInt(hostile.size()));
    }

    /** The first run of digits from a random point, replaced by an extreme number. */
    private static byte[] replaceNumber(byte[] b, SplittableRandom r) {
        int start = r.nextInt(b.length);
        while (start < b.length && !(b[start] >= '0' && b[start] <= '9')) {
            start++;
        }
        if (start == b.length) {
            return insert(b, r.nextInt(b.length + 1), HostileValues.number(r).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        int end = start;
        while (end < b.length && (b[end] >= '0' && b[end] <= '9' || b[end] == '.')) {
            end++;
        }
        byte[] number = HostileValues.number(r).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return concat(concat(Arrays.copyOf(b, start), number), Arrays.copyOfRange(b, end, b.length));
    }

    /** A line (up to a line feed) deleted or written twice. */
    private static byte[] lineChange(byte[] b, SplittableRandom r) {
        int at = r.nextInt(b.length);
        int start = at;
        while (start > 0 && b[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < b.length && b[end] != '\n') {
            end++;
        }
        end = Math.min(b.length, end + 1);
        if (r.nextBoolean()) {
            return delete(b, start, end - start);
        }
        return insert(b, end, Arrays.copyOfRange(b, start, end));
    }

    private static byte[] insert(byte[] b, int at, byte[] piece) {
        byte[] out = new byte[b.length + piece.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(piece, 0, out, at, piece.length);
        System.arraycopy(b, at, out, at + piece.length, b.length - at);
        return out;
    }

    private static byte[] delete(byte[] b, int at, int length) {
        byte[] out = new byte[b.length - length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + length, out, at, b.length - at - length);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
