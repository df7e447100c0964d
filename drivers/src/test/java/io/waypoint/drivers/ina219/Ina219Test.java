package io.waypoint.drivers.ina219;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import io.waypoint.sim.board.SimBoard;
import io.waypoint.sim.board.SimBoards;
import io.waypoint.sim.chip.I2cDevice;
import io.waypoint.sim.chip.kiosk.Ina219Chip;
import io.waypoint.time.ManualScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver against the register-level emulation, through Pi4J and the hal-sim plugin. */
class Ina219Test {
    private static final Instant T0 = Instant.parse("2025-03-01T06:00:00Z");
    private static final Shunt PORT = new Shunt(0.008, 3.0);
    private static final Shunt BATTERY = new Shunt(0.1, 3.2);

    private final ManualScheduler time = new ManualScheduler(T0);
    private final AtomicReference<Double> portAmps = new AtomicReference<>(0.0);
    private final AtomicReference<Double> batteryAmps = new AtomicReference<>(0.0);
    private final AtomicReference<Double> batteryVolts = new AtomicReference<>(12.6);
    private final Ina219Chip portChip = new Ina219Chip(time.clock(), 0.008, t -> portAmps.get(), t -> 5.0);
    private final Ina219Chip batteryChip =
            new Ina219Chip(time.clock(), 0.1, t -> batteryAmps.get(), t -> batteryVolts.get());
    private final SimBoard board = SimBoard.builder(time).i2c(1, 0x40, portChip).i2c(1, 0x45, batteryChip)
            .i2c(1, 0x4A, new AllOnes()).build();
    private final Context pi4j = SimBoards.pi4jContext(board);
    /** Lets simulated time pass while the driver waits: what a caller with a manual clock provides. */
    private final Ina219.ConversionWait advance = time::advance;
    private final AtomicInteger rawDevices = new AtomicInteger();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
        board.close();
    }

    private Ina219 port() {
        return Ina219.open(pi4j, 1, 0x40, PORT, "charging port 1", time.clock(), advance);
    }

    /** Lets the chip convert with the inputs as they are now. */
    private void settle() {
        time.advance(Duration.ofMillis(10));
    }

    @Test
    void readsTheExactCurrentVoltageAndPowerOfAChargingPort() {
        portAmps.set(1.0);
        Ina219.Reading r = port().read();

        // what the chip computes: shunt 800 (8 mV), calibration 55924, current 10922, power 2730
        double ampsPerCount = 0.04096 / (55924 * 0.008);
        assertThat(r.amps()).isEqualTo(10922 * ampsPerCount);
        assertThat(r.busVolts()).isEqualTo(1250 * 0.004);
        assertThat(r.watts()).isEqualTo(2730 * 20 * ampsPerCount);
        assertThat(r.overRange()).isFalse();
        assertThat(r.amps()).isCloseTo(1.0, within(0.00125));
    }

    @Test
    void anEightMilliohmShuntResolvesAboutOneMilliamp() {
        Ina219 port = port();
        assertThat(port.ampsResolution()).isCloseTo(0.00125, within(1e-9));

        for (double amps : new double[] {0.0123, 0.0456, 0.789, 1.5, 2.345}) {
            portAmps.set(amps);
            settle();
            assertThat(port.read().amps()).as("at %s A", amps).isCloseTo(amps, within(0.00125));
        }
    }

    @Test
    void aFullPhoneIsToldFromAChargingOne() {
        Ina219 port = port();
        portAmps.set(0.030);
        settle();
        double full = port.read().amps();
        portAmps.set(0.520);
        settle();
        double charging = port.read().amps();

        assertThat(full).isCloseTo(0.030, within(0.00125)).isLessThan(0.050);
        assertThat(charging).isCloseTo(0.520, within(0.00125)).isGreaterThan(0.500);
    }

    @Test
    void readsABatteryBusBothWaysOnATenthOfAnOhm() {
        Ina219 battery = Ina219.open(pi4j, 1, 0x45, BATTERY, "battery", time.clock(), advance);
        batteryAmps.set(-1.5);
        batteryVolts.set(12.06);
        settle();

        Ina219.Reading discharging = battery.read();
        batteryAmps.set(2.0);
        batteryVolts.set(13.8);
        settle();
        Ina219.Reading charging = battery.read();

        assertThat(discharging.amps()).isCloseTo(-1.5, within(0.0001));
        assertThat(discharging.busVolts()).isCloseTo(12.06, within(0.002));
        assertThat(discharging.watts()).isCloseTo(18.09, within(0.01));
        assertThat(charging.amps()).isCloseTo(2.0, within(0.0001));
        assertThat(charging.busVolts()).isCloseTo(13.8, within(0.002));
    }

    @Test
    void aSmallShuntAtALowMaximumGetsACalibrationThatFitsSixteenBits() {
        Shunt oneMilliohm = new Shunt(0.001, 20);

        assertThat(Ina219Registers.calibration(oneMilliohm)).isEqualTo(0xFFFE);
        assertThat(Ina219Registers.pga(oneMilliohm)).as("20 mV fits ±40 mV").isZero();
        Ina219Chip chip = new Ina219Chip(time.clock(), 0.001, t -> 15.0, t -> 12.5);
        SimBoard b = SimBoard.builder(time).i2c(1, 0x41, chip).build();
        Context c = SimBoards.pi4jContext(b);
        try {
            Ina219.Reading r = Ina219.open(c, 1, 0x41, oneMilliohm, "battery", time.clock(), advance).read();
            assertThat(r.amps()).isCloseTo(15.0, within(0.01));
            assertThat(r.overRange()).isFalse();
        } finally {
            c.shutdown();
            b.close();
        }
    }

    @Test
    void theRangeAndCalibrationFollowTheFormula() {
        assertThat(Ina219Registers.calibration(PORT)).isEqualTo(55924); // trunc(0.04096 / (3/32768 × 0.008))
        assertThat(Ina219Registers.calibration(BATTERY)).isEqualTo(4194);
        assertThat(Ina219Registers.pga(PORT)).as("24 mV: ±40 mV").isZero();
        assertThat(Ina219Registers.pga(new Shunt(0.1, 0.5))).as("50 mV: ±80 mV").isEqualTo(1);
        assertThat(Ina219Registers.pga(BATTERY)).as("320 mV").isEqualTo(3);
        assertThat(Ina219Registers.config(PORT)).isEqualTo(0x21DF);
    }

    @Test
    void aCurrentAboveTheMaximumIsFlaggedOverRange() {
        portAmps.set(3.5);

        Ina219.Reading r = port().read();

        assertThat(r.overRange()).isTrue();
        assertThat(r.amps()).isCloseTo(3.0, within(0.001));
    }

    @Test
    void theFirstReadWaitsForTheFirstConversion() {
        portAmps.set(1.0);
        Ina219 port = port();
        assertThat(portChip.conversionsCompleted()).isZero();

        port.read();

        assertThat(time.now()).isEqualTo(T0.plusNanos(4_792_000));
    }

    @Test
    void aChipResetByASupplyDipIsCalibratedAgainBeforeTheReading() {
        portAmps.set(1.0);
        Ina219 port = port();
        port.read();
        rawI2c(0x40).writeRegister(0, new byte[] {(byte) 0x80, 0x00}); // what a brown-out does
        settle();

        assertThat(port.read().amps()).isCloseTo(1.0, within(0.00125));
        assertThat(rawI2c(0x40).readRegisterWord(5)).isEqualTo(55924);
    }

    // What the emulation does to drivers with the usual bugs: each gives a value a test catches.

    @Test
    void aDriverThatNeverCalibratesReadsNoCurrentFromAChargingPhone() {
        portAmps.set(1.0);
        settle();

        assertThat(rawI2c(0x40).readRegisterWord(4)).isZero();
        assertThat(port().read().amps()).isGreaterThan(0.99);
    }

    @Test
    void aDriverWritingTheCalibrationLeastSignificantByteFirstReadsAnotherCurrent() {
        portAmps.set(1.0);
        I2C raw = rawI2c(0x40);
        raw.writeRegister(5, new byte[] {(byte) 0x74, (byte) 0xDA}); // 55924 = 0xDA74, swapped
        settle();

        int current = raw.readRegisterWord(4);
        assertThat(current * 0.04096 / (55924 * 0.008)).isNotCloseTo(1.0, within(0.1));
        assertThat(port().read().amps()).isCloseTo(1.0, within(0.00125));
    }

    @Test
    void aDriverReadingTheCurrentLeastSignificantByteFirstGetsAnotherNumber() {
        portAmps.set(1.0);
        port().read();
        byte[] b = new byte[2];
        rawI2c(0x40).readRegister(4, b);

        assertThat(((b[1] & 0xFF) << 8) | (b[0] & 0xFF)).isNotEqualTo(10922);
        assertThat(((b[0] & 0xFF) << 8) | (b[1] & 0xFF)).isEqualTo(10922);
    }

    @Test
    void aDriverWithTheCalibrationOfAnotherShuntIsOffByTheirRatio() {
        portAmps.set(1.0);
        I2C raw = rawI2c(0x40);
        // the calibration for a 0.1 Ω battery shunt left on a port's 8 mΩ one: 12.5 times too little current
        raw.writeRegister(5, new byte[] {(byte) (4194 >> 8), (byte) 4194});
        settle();

        double amps = raw.readRegisterWord(4) * 0.04096 / (55924 * 0.008);
        assertThat(amps).isCloseTo(1.0 * 4194 / 55924, within(0.001));
    }

    private I2C rawI2c(int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id("raw-" + rawDevices.incrementAndGet()).bus(1).device(address)
                .build());
    }

    // Failures a technician must be able to act on.

    @Test
    void aMissingChipIsReportedWithWhatItMeasuresItsAddressAndJumpers() {
        Ina219 missing = Ina219.open(pi4j, 1, 0x44, PORT, "charging port 5", time.clock(), advance);

        assertThatThrownBy(missing::read).isInstanceOf(Ina219Exception.class)
                .hasMessageStartingWith("INA219 (charging port 5) at I2C bus 1 address 0x44 did not answer when"
                        + " resetting the chip")
                .hasMessageContaining("A0/A1 jumpers");
    }

    @Test
    void anAddressNoIna219CanHaveIsRefused() {
        assertThatThrownBy(() -> Ina219.open(pi4j, 1, 0x50, PORT, "charging port 1", time.clock(), advance))
                .isInstanceOf(Ina219Exception.class).hasMessageContaining("0x50").hasMessageContaining("0x40-0x4F");
    }

    @Test
    void aBusThatDoesNotExistPointsAtTheI2cSetting() {
        assertThatThrownBy(() -> Ina219.open(pi4j, 7, 0x40, PORT, "charging port 1", time.clock(), advance))
                .isInstanceOf(Ina219Exception.class).hasMessageContaining("bus 7").hasMessageContaining("enable I2C");
    }

    @Test
    void anotherChipAtTheAddressIsNotTakenForAReading() {
        Ina219 notAnIna = Ina219.open(pi4j, 1, 0x4A, PORT, "charging port 2", time.clock(), advance);

        assertThatThrownBy(notAnIna::read).isInstanceOf(Ina219Exception.class)
                .hasMessageContaining("read back 0xFFFF 0xFFFF after 0x21DF 0xDA74");
    }

    @Test
    void aChipThatNeverConvertsIsAnErrorNotAHang() {
        Ina219Chip stuck = new Ina219Chip(time.clock(), 0.008, t -> 0.0, t -> 5.0);
        SimBoard b = SimBoard.builder(time).i2c(1, 0x4F, new NeverReady(stuck)).build();
        Context c = SimBoards.pi4jContext(b);
        try {
            Ina219 ina = Ina219.open(c, 1, 0x4F, PORT, "charging port 8", time.clock(),
                    d -> time.advance(Duration.ofSeconds(1)));

            assertThatThrownBy(ina::read).isInstanceOf(Ina219Exception.class)
                    .hasMessageContaining("INA219 (charging port 8) at I2C bus 1 address 0x4F: no conversion finished")
                    .hasMessageContaining("check its supply");
        } finally {
            c.shutdown();
            b.close();
        }
    }

    @Test
    void aShuntThatWouldDropMoreThanTheRangeIsRefusedWithWhatToChange() {
        assertThatThrownBy(() -> new Shunt(0.1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drops 500 mV").hasMessageContaining("use a smaller shunt");
    }

    /** A chip that acknowledges everything and reads all ones (an EEPROM, a sensor of another kind). */
    private static final class AllOnes implements I2cDevice {
        @Override
        public void write(byte[] data) { }

        @Override
        public byte[] read(int length) {
            byte[] b = new byte[length];
            Arrays.fill(b, (byte) 0xFF);
            return b;
        }
    }

    /** An INA219 whose conversion-ready bit never sets (a chip without a working oscillator). */
    private static final class NeverReady implements I2cDevice {
        private final I2cDevice chip;
        private int pointer;

        NeverReady(I2cDevice chip) {
            this.chip = chip;
        }

        @Override
        public void write(byte[] data) {
            if (data.length > 0) {
                pointer = data[0];
            }
            chip.write(data);
        }

        @Override
        public byte[] read(int length) {
            byte[] b = chip.read(length);
            if (pointer == 2) {
                b[1] &= (byte) ~0x02;
            }
            return b;
        }
    }
}
