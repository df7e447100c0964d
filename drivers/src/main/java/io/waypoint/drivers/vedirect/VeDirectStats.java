package io.waypoint.drivers.vedirect;

/**
 * What has come over a VE.Direct line since the reader started, for the technician console and for
 * telling a bad cable (checksums, cut blocks) from a silent one (nothing at all).
 *
 * @param bytes       bytes received
 * @param blocks      text blocks with a right checksum, delivered as readings
 * @param badChecksum blocks dropped because their bytes did not sum to 0 mod 256
 * @param cutBlocks   blocks dropped because they stopped short or a line in them was no field
 * @param hexFrames   hex-protocol frames ({@code :...\n}) skipped
 * @param noiseBytes  bytes between blocks that belonged to no block or frame
 */
public record VeDirectStats(long bytes, long blocks, long badChecksum, long cutBlocks, long hexFrames,
                            long noiseBytes) {

    /** One line for the console. */
    @Override
    public String toString() {
        return "bytes " + bytes + ", blocks " + blocks + ", bad checksum " + badChecksum + ", cut blocks " + cutBlocks
                + ", hex frames " + hexFrames + ", noise bytes " + noiseBytes;
    }
}
