package io.waypoint.drivers.modbus;

import java.util.Optional;

/**
 * Finds the reply to a request in the bytes received since the request went out. Pure: no I/O, no
 * time, so every case of a noisy line is tested with byte arrays.
 *
 * <p>The reply may be preceded by noise, so every offset is tried: a reply is a run of bytes that
 * starts with the request's unit and function (or the function with its top bit set, an exception),
 * is as long as that reply must be, and ends with a valid CRC. A false match in noise would need a
 * right address, a right function, a right length and a matching 16-bit CRC at once.
 */
final class RtuReplyDecoder {
    private RtuReplyDecoder() {
    }

    /** What the received bytes hold. */
    sealed interface Scan {
        /** The reply, at {@code start} (noise before it) to {@code end} (exclusive; anything after is noise). */
        record Found(RtuReply reply, int start, int end) implements Scan {
        }

        /**
         * No reply (yet): more bytes may still complete one; if the line stays quiet, {@code problem}
         * says what these bytes were ({@link ReplyProblem#NO_REPLY} when there were none).
         */
        record NotFound(ReplyProblem problem) implements Scan {
        }
    }

    static Scan scan(RtuRequest request, byte[] bytes, int length) {
        boolean badCrc = false;
        boolean truncated = false;
        for (int start = 0; start < length; start++) {
            if ((bytes[start] & 0xFF) != request.unit()) {
                continue;
            }
            int available = length - start;
            if (available < 2) {
                truncated = true;
                continue;
            }
            int function = bytes[start + 1] & 0xFF;
            int needed;
            if (function == (request.function() | 0x80)) {
                needed = 5;
            } else if (function == request.function()) {
                if (request.isRead()) {
                    if (available < 3) {
                        truncated = true;
                        continue;
                    }
                    if ((bytes[start + 2] & 0xFF) != 2 * request.quantity()) {
                        continue;
                    }
                }
                needed = request.replyLength();
            } else {
                continue;
            }
            if (available < needed) {
                truncated = true;
                continue;
            }
            if (!Crc16Modbus.isValidFrame(bytes, start, needed)) {
                badCrc = true;
                continue;
            }
            Optional<RtuReply> reply = parse(request, bytes, start);
            if (reply.isPresent()) {
                return new Scan.Found(reply.get(), start, start + needed);
            }
        }
        if (length == 0) {
            return new Scan.NotFound(ReplyProblem.NO_REPLY);
        }
        if (length >= 5 && (bytes[0] & 0xFF) != request.unit() && Crc16Modbus.isValidFrame(bytes, 0, length)) {
            return new Scan.NotFound(ReplyProblem.WRONG_ADDRESS);
        }
        if (badCrc) {
            return new Scan.NotFound(ReplyProblem.CRC);
        }
        if (truncated) {
            return new Scan.NotFound(ReplyProblem.TRUNCATED);
        }
        return new Scan.NotFound(ReplyProblem.GARBAGE);
    }

    // the frame at start is CRC-valid and of the right length; a write must echo what was written
    private static Optional<RtuReply> parse(RtuRequest request, byte[] bytes, int start) {
        int function = bytes[start + 1] & 0xFF;
        if ((function & 0x80) != 0) {
            return Optional.of(new RtuReply.Exception(bytes[start + 2] & 0xFF));
        }
        if (request.isRead()) {
            int[] values = new int[request.quantity()];
            for (int i = 0; i < values.length; i++) {
                values[i] = word(bytes, start + 3 + 2 * i);
            }
            return Optional.of(new RtuReply.Registers(values));
        }
        int second = request.function() == RtuRequest.WRITE_SINGLE ? request.values()[0] : request.quantity();
        if (word(bytes, start + 2) == request.address() && word(bytes, start + 4) == second) {
            return Optional.of(new RtuReply.Written());
        }
        return Optional.empty();
    }

    private static int word(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 8 | bytes[offset + 1] & 0xFF;
    }
}
