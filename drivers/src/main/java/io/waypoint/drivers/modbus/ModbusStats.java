package io.waypoint.drivers.modbus;

/**
 * What a master has seen on its line since it started, for the technician console. Problems are
 * counted per bad frame or attempt, so one request that was retried twice can add several.
 *
 * @param requests       requests asked of the master (not counting retries)
 * @param replies        requests answered normally
 * @param exceptions     requests answered with an exception
 * @param retries        attempts repeated after a timeout or a bad reply
 * @param timeouts       attempts that ended with no usable reply at the timeout
 * @param crcErrors      replies with a bad checksum
 * @param wrongAddress   valid frames from another slave address
 * @param truncated      replies cut short
 * @param garbage        bursts of bytes that were no frame
 * @param discardedBytes bytes thrown away: noise, bad frames, late replies
 */
public record ModbusStats(long requests, long replies, long exceptions, long retries, long timeouts, long crcErrors,
                          long wrongAddress, long truncated, long garbage, long discardedBytes) {

    /** One line for the console. */
    @Override
    public String toString() {
        return "requests " + requests + ", replies " + replies + ", exceptions " + exceptions + ", retries " + retries
                + ", timeouts " + timeouts + ", crc errors " + crcErrors + ", wrong address " + wrongAddress
                + ", truncated " + truncated + ", garbage " + garbage + ", discarded bytes " + discardedBytes;
    }
}
