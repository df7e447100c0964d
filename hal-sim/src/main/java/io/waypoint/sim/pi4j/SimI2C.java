package io.waypoint.sim.pi4j;

import com.pi4j.io.i2c.I2CBase;
import com.pi4j.io.i2c.I2CConfig;
import com.pi4j.io.i2c.I2CProvider;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.sim.chip.I2cNack;
import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * A Pi4J {@code I2C} device whose transactions reach an emulated chip. Each Pi4J call becomes the
 * transactions the Linux I2C driver would put on the wire: a register write is one write of the
 * register byte(s) then the data; a register read is a write of the register byte(s) then a read.
 * A chip that does not acknowledge, or no chip at the address, fails the call the way Linux does:
 * a {@code Pi4JException} from the bus, caused by "Remote I/O error" (EREMOTEIO).
 */
final class SimI2C extends I2CBase<SimI2CBus> {
    private final I2cDevice device;

    SimI2C(I2CProvider provider, I2CConfig config, SimI2CBus bus, I2cDevice device) {
        super(provider, config, bus);
        this.device = device;
    }

    @Override
    public int write(byte b) {
        transaction(() -> {
            chip().write(new byte[] {b});
            return null;
        });
        return 1;
    }

    @Override
    public int write(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] bytes = Arrays.copyOfRange(data, offset, offset + length);
        transaction(() -> {
            chip().write(bytes);
            return null;
        });
        return length;
    }

    @Override
    public int read() {
        return transaction(() -> chip().read(1)[0] & 0xFF);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] got = transaction(() -> chip().read(length));
        System.arraycopy(got, 0, buffer, offset, length);
        return length;
    }

    @Override
    public int writeRegister(int register, byte b) {
        return writeRegister(new byte[] {(byte) register}, new byte[] {b}, 0, 1);
    }

    @Override
    public int writeRegister(int register, byte[] data, int offset, int length) {
        return writeRegister(new byte[] {(byte) register}, data, offset, length);
    }

    @Override
    public int writeRegister(byte[] register, byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        byte[] bytes = new byte[register.length + length];
        System.arraycopy(register, 0, bytes, 0, register.length);
        System.arraycopy(data, offset, bytes, register.length, length);
        transaction(() -> {
            chip().write(bytes);
            return null;
        });
        return length;
    }

    @Override
    public int readRegister(int register) {
        byte[] one = new byte[1];
        readRegister(new byte[] {(byte) register}, one, 0, 1);
        return one[0] & 0xFF;
    }

    @Override
    public int readRegister(int register, byte[] buffer, int offset, int length) {
        return readRegister(new byte[] {(byte) register}, buffer, offset, length);
    }

    @Override
    public int readRegister(byte[] register, byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        byte[] reg = register.clone();
        byte[] got = transaction(() -> {
            I2cDevice chip = chip();
            chip.write(reg);
            return chip.read(length);
        });
        System.arraycopy(got, 0, buffer, offset, length);
        return length;
    }

    private <T> T transaction(Callable<T> action) {
        return i2CBus.execute(this, () -> {
            try {
                return action.call();
            } catch (I2cNack e) {
                throw new IOException("Remote I/O error: " + e.getMessage(), e);
            }
        });
    }

    private I2cDevice chip() throws IOException {
        if (device == null) {
            throw new IOException(String.format("Remote I/O error: nothing acknowledged address 0x%02X on I2C bus %d",
                    device(), bus()));
        }
        return device;
    }
}
