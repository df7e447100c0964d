package io.waypoint.sim.serial;

/** Which register map a simulated Modbus turbidity probe answers with. */
public sealed interface ProbeProfile {

    /**
     * DFRobot SEN0710 style: input/holding register 0x0000 turbidity, uint16 in tenths of NTU;
     * 0x0001 temperature, int16 in tenths of °C; read with 0x03 or 0x04; nothing writable.
     */
    record Sen0710() implements ProbeProfile {
    }

    /**
     * Yosemitech Y511 style: a write (0x06 or 0x10) to 0x2500 starts measuring; from then on
     * 0x2600..0x2604 hold temperature (°C) and turbidity (NTU) as float32 in {@code order}, then
     * the error byte (the high byte of 0x2604, 0 when fine). Reading before a start answers
     * exception 6 (busy): there is no measurement yet.
     */
    record FloatRegisters(FloatOrder order) implements ProbeProfile {
        public FloatRegisters {
            java.util.Objects.requireNonNull(order, "order");
        }
    }

    ProbeProfile SEN0710 = new Sen0710();
    /** Little-endian floats, as the Yosemitech Y511. */
    ProbeProfile Y511 = new FloatRegisters(FloatOrder.LITTLE_ENDIAN);
    /** Word-swapped floats, as Remond-style probes. */
    ProbeProfile REMOND = new FloatRegisters(FloatOrder.WORD_SWAPPED);
}
