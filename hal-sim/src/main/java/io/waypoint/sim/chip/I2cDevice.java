package io.waypoint.sim.chip;

/**
 * A chip on a simulated I2C bus, seen at the level of bus transactions: what a driver's bytes do to
 * its registers, and what bytes it clocks back out.
 *
 * <p>Each call is one transaction addressed to this chip (START, address, bytes, STOP). A chip that
 * would not acknowledge a byte throws {@link I2cNack}; the bus turns that into the I/O exception a
 * driver gets from Pi4J on a board. Implementations are thread-safe (the bus also serialises
 * transactions, as a real bus does).
 */
public interface I2cDevice {

    /** A write transaction of {@code data} (possibly empty: an address-only probe). */
    void write(byte[] data);

    /** A read transaction of {@code length} bytes. */
    byte[] read(int length);
}
