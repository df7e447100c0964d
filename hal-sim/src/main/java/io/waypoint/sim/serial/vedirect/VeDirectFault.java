package io.waypoint.sim.serial.vedirect;

import java.util.Objects;

/** What a simulated charge controller's line does wrong on demand; see {@link SimulatedChargeController#setFault}. */
public sealed interface VeDirectFault {

    /** Blocks go out with a wrong checksum byte (one bit of the line flipped). */
    record BadChecksum() implements VeDirectFault {
    }

    /** Hex-protocol frames come before each block and between two of its lines, as a controller's async messages do. */
    record HexFrames() implements VeDirectFault {
    }

    /** These bytes come before each block: noise on the line. */
    record Garbage(byte[] bytes) implements VeDirectFault {
        public Garbage {
            Objects.requireNonNull(bytes, "bytes");
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }
    }

    /** Nothing goes out: a cut cable, or a controller without battery power. */
    record Silence() implements VeDirectFault {
    }

    /** Only the first half of each block goes out: a connector that drops out mid-block. */
    record CutBlock() implements VeDirectFault {
    }
}
