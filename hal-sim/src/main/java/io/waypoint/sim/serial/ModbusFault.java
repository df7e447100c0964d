package io.waypoint.sim.serial;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour a test or scenario switches on in a {@link ModbusProbeSlave}: what cabling, noise
 * and tired electronics do to a probe on an RS-485 line.
 */
public sealed interface ModbusFault {

    /** The request arrives, nothing comes back (a broken A/B wire, a probe without power). */
    record NoReply() implements ModbusFault {
    }

    /** The reply arrives with a corrupted checksum (mains noise beside the cable). */
    record BadCrc() implements ModbusFault {
    }

    /** Every request is answered with this exception code (e.g. 4 device failure, 6 busy). */
    record ExceptionReply(int code) implements ModbusFault {
        public ExceptionReply {
            if (code < 1 || code > 255) {
                throw new IllegalArgumentException("a Modbus exception code is 1 to 255, was " + code);
            }
        }
    }

    /**
     * Line noise (including bytes that are not UTF-8) before the reply, after it, or instead of it.
     * Before and after, the noise and the reply are separated by a frame gap.
     */
    record Garbage(Placement placement, byte[] bytes) implements ModbusFault {
        public Garbage {
            Objects.requireNonNull(placement, "placement");
            if (bytes.length == 0) {
                throw new IllegalArgumentException("garbage needs at least one byte");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        /** Noise with bytes that are invalid UTF-8 and a stray copy of a request's first bytes. */
        public static Garbage of(Placement placement) {
            return new Garbage(placement, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x01, 0x03, (byte) 0xC3,
                    0x28, (byte) 0x80, (byte) 0xA0, 0x0D, 0x0A});
        }
    }

    /** Where {@link Garbage} goes. */
    enum Placement {
        BEFORE, AFTER, INSTEAD
    }

    /** The reply comes after {@code delay}: set it beyond the master's timeout. */
    record SlowReply(Duration delay) implements ModbusFault {
        public SlowReply {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must be >= 0, was " + delay);
            }
        }
    }

    /** The reply is a valid frame that names another slave address (two probes set to the same). */
    record OtherAddress(int unit) implements ModbusFault {
        public OtherAddress {
            if (unit < 1 || unit > 247) {
                throw new IllegalArgumentException("a slave address is 1 to 247, was " + unit);
            }
        }
    }

    /**
     * The probe answers normally but flags its own error code; only the float-register profile
     * carries one (its error byte), a SEN0710 has nowhere to say it.
     */
    record ProbeError(int code) implements ModbusFault {
        public ProbeError {
            if (code < 1 || code > 255) {
                throw new IllegalArgumentException("the error byte is 1 to 255, was " + code);
            }
        }
    }
}
