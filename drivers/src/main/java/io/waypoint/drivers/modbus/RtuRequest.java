package io.waypoint.drivers.modbus;

/**
 * One request of the master: what it asks, the frame that asks it, and the reply it expects. Pure.
 *
 * @param values the registers to write (0x06: one, 0x10: several), empty for reads
 */
record RtuRequest(int unit, int function, int address, int quantity, int[] values) {
    static final int READ_HOLDING = 0x03;
    static final int READ_INPUT = 0x04;
    static final int WRITE_SINGLE = 0x06;
    static final int WRITE_MULTIPLE = 0x10;

    static RtuRequest read(int unit, int function, int address, int quantity) {
        checkUnit(unit);
        checkAddress(address);
        if (quantity < 1 || quantity > 125) {
            throw new IllegalArgumentException("a read is 1 to 125 registers, was " + quantity);
        }
        if (address + quantity > 0x10000) {
            throw new IllegalArgumentException("registers " + address + ".." + (address + quantity - 1)
                    + " run past 65535");
        }
        return new RtuRequest(unit, function, address, quantity, new int[0]);
    }

    static RtuRequest writeSingle(int unit, int address, int value) {
        checkUnit(unit);
        checkAddress(address);
        checkValue(value);
        return new RtuRequest(unit, WRITE_SINGLE, address, 1, new int[] {value});
    }

    static RtuRequest writeMultiple(int unit, int address, int[] values) {
        checkUnit(unit);
        checkAddress(address);
        if (values.length < 1 || values.length > 123) {
            throw new IllegalArgumentException("a write is 1 to 123 registers, was " + values.length);
        }
        if (address + values.length > 0x10000) {
            throw new IllegalArgumentException("registers run past 65535");
        }
        for (int v : values) {
            checkValue(v);
        }
        return new RtuRequest(unit, WRITE_MULTIPLE, address, values.length, values.clone());
    }

    /** The frame on the line, CRC included. */
    byte[] frame() {
        byte[] body;
        if (function == WRITE_MULTIPLE) {
            body = new byte[7 + 2 * quantity];
            body[4] = (byte) (quantity >>> 8);
            body[5] = (byte) quantity;
            body[6] = (byte) (2 * quantity);
            for (int i = 0; i < quantity; i++) {
                body[7 + 2 * i] = (byte) (values[i] >>> 8);
                body[8 + 2 * i] = (byte) values[i];
            }
        } else {
            body = new byte[6];
            int second = function == WRITE_SINGLE ? values[0] : quantity;
            body[4] = (byte) (second >>> 8);
            body[5] = (byte) second;
        }
        body[0] = (byte) unit;
        body[1] = (byte) function;
        body[2] = (byte) (address >>> 8);
        body[3] = (byte) address;
        return Crc16Modbus.append(body);
    }

    boolean isRead() {
        return function == READ_HOLDING || function == READ_INPUT;
    }

    /** The length of a normal reply, CRC included: reads 5 + 2n, writes an 8-byte echo. */
    int replyLength() {
        return isRead() ? 5 + 2 * quantity : 8;
    }

    @Override
    public String toString() {
        return String.format("function 0x%02X at register 0x%04X (%d) to unit %d", function, address, quantity, unit);
    }

    private static void checkUnit(int unit) {
        if (unit < 1 || unit > 247) {
            throw new IllegalArgumentException("a slave address is 1 to 247, was " + unit);
        }
    }

    private static void checkAddress(int address) {
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("a register address is 0 to 65535, was " + address);
        }
    }

    private static void checkValue(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("a register value is 0 to 65535, was " + value);
        }
    }
}
