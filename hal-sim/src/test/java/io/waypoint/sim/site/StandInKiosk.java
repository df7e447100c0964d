package io.waypoint.sim.site;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.i2c.I2C;
import io.waypoint.sim.board.MatrixKeypadWiring;
import io.waypoint.sim.board.SimBoards;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The least kiosk that uses a simulated site, through Pi4J and the modem's pty only (no drivers):
 * polled by the test at each step of simulated time, it powers a port whose button is pressed and
 * whose light shows it free, frees it when its phone is gone, locks it on over-current; lights free
 * ports steadily; reads the keypad (the call button starts afresh) and dials the keys on {@code #}
 * (only emergency numbers and {@code +} numbers); and writes the LCD.
 */
final class StandInKiosk implements AutoCloseable {
    static final double OVER_CURRENT_A = 2.5;
    static final double UNPLUGGED_A = 0.005;
    private static final Set<String> EMERGENCY = Set.of("112", "911");
    private static final Duration LONG_PRESS = Duration.ofSeconds(1);

    /** A port the stand-in switched on because its button was pressed. */
    record Started(Instant at, int port) {}

    /** A number the stand-in dialled, at its instant. */
    record Dialled(Instant at, String number) {}

    private final Context pi4j;
    private final int ports;
    private final I2C buttons;
    private final I2C lights;
    private final I2C lcd;
    private final List<I2C> sensors = new ArrayList<>();
    private final List<DigitalOutput> relays = new ArrayList<>();
    private final List<DigitalOutput> rows = new ArrayList<>();
    private final List<DigitalInput> columns = new ArrayList<>();
    private final DigitalInput callButton;
    private final FileChannel modemOut;
    private final FileChannel modemIn;
    private final Consumer<Dialled> beforeDialling;

    private final boolean[] charging;
    private final boolean[] locked;
    private final Instant[] since;
    private final List<Started> started = new ArrayList<>();
    private final List<Integer> overCurrents = new ArrayList<>();
    private final List<Dialled> dialled = new ArrayList<>();
    private int lightsShown = -1;
    private Instant lastSensorRead = Instant.MIN;
    private boolean callButtonDown;
    private final StringBuilder keys = new StringBuilder();
    private Character heldKey;
    private Instant heldSince;

    StandInKiosk(KioskSite site, Consumer<Dialled> beforeDialling) {
        this.pi4j = SimBoards.pi4jContext(site.board());
        this.ports = site.world().scenario().kiosk().ports();
        this.beforeDialling = beforeDialling;
        buttons = i2c(KioskSite.BUTTON_EXPANDER_ADDRESS);
        lights = i2c(KioskSite.LIGHT_EXPANDER_ADDRESS);
        lcd = i2c(KioskSite.LCD_ADDRESS);
        for (int port = 1; port <= ports; port++) {
            sensors.add(i2c(KioskSite.PORT_SENSOR_ADDRESS + port - 1));
            relays.add(output(KioskSite.RELAY_PINS.get(port - 1), DigitalState.LOW));
        }
        for (int pin : KioskSite.KEYPAD_ROW_PINS) {
            rows.add(output(pin, DigitalState.LOW));
        }
        for (int pin : KioskSite.KEYPAD_COLUMN_PINS) {
            columns.add(input(pin));
        }
        callButton = input(KioskSite.CALL_BUTTON_PIN);
        charging = new boolean[ports + 1];
        locked = new boolean[ports + 1];
        since = new Instant[ports + 1];
        try {
            modemOut = FileChannel.open(Path.of(site.modem().driverPort()), StandardOpenOption.WRITE);
            modemIn = FileChannel.open(Path.of(site.modem().driverPort()), StandardOpenOption.READ);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread drain = new Thread(this::drainModem, "stand-in-modem-reader");
        drain.setDaemon(true);
        drain.start();
    }

    /** One look at the panel, the ports and the keypad at {@code now}. */
    void step(Instant now) {
        int pressed = ~buttons.read() & 0xFF;
        for (int port = 1; port <= ports; port++) {
            if ((pressed & (1 << (port - 1))) != 0 && !charging[port] && !locked[port]) {
                charging[port] = true;
                since[port] = now;
                relays.get(port - 1).high();
                started.add(new Started(now, port));
            }
        }
        if (!now.isBefore(lastSensorRead.plusSeconds(1))) {
            lastSensorRead = now;
            for (int port = 1; port <= ports; port++) {
                if (!charging[port]) {
                    continue;
                }
                double amps = amps(port);
                if (amps > OVER_CURRENT_A) {
                    relays.get(port - 1).low();
                    charging[port] = false;
                    locked[port] = true;
                    overCurrents.add(port);
                } else if (amps < UNPLUGGED_A && !now.isBefore(since[port].plusSeconds(3))) {
                    relays.get(port - 1).low();
                    charging[port] = false;
                }
            }
        }
        showLights();
        boolean callDown = callButton.state() == DigitalState.LOW;
        if (callDown && !callButtonDown) {
            keys.setLength(0);
            heldKey = null;
        }
        callButtonDown = callDown;
        scanKeypad(now);
    }

    /** Port {@code port}'s current now, amperes, from its INA219's shunt voltage (10 µV a count). */
    double amps(int port) {
        return signed(register(sensors.get(port - 1), 0x01)) * 10e-6 / KioskSite.PORT_SHUNT_OHMS;
    }

    /** Port {@code port}'s bus voltage now, volts (4 mV a count, bits 15..3). */
    double volts(int port) {
        return (register(sensors.get(port - 1), 0x02) >> 3) * 0.004;
    }

    boolean charging(int port) {
        return charging[port];
    }

    List<Started> started() {
        return started;
    }

    List<Integer> overCurrents() {
        return overCurrents;
    }

    List<Dialled> dialled() {
        return dialled;
    }

    /** Writes {@code text} at the start of the LCD's first row, initialising it as the datasheet says. */
    void writeLcd(String text, Runnable wait) {
        int bl = 0x08;
        lcd.write((byte) bl);
        for (int nibble : new int[] {0x3, 0x3, 0x3, 0x2}) {
            lcd.write(new byte[] {(byte) (nibble << 4 | bl | 0x04), (byte) (nibble << 4 | bl)});
            wait.run();
        }
        for (int instruction : new int[] {0x28, 0x0C, 0x01, 0x06, 0x80}) {
            lcdByte(instruction, false);
            wait.run();
        }
        for (char c : text.toCharArray()) {
            lcdByte(c, true);
            wait.run();
        }
    }

    private void lcdByte(int value, boolean data) {
        int rs = data ? 0x01 : 0;
        int hi = (value & 0xF0) | 0x08 | rs;
        int lo = (value << 4 & 0xF0) | 0x08 | rs;
        lcd.write(new byte[] {(byte) (hi | 0x04), (byte) hi, (byte) (lo | 0x04), (byte) lo});
    }

    private void showLights() {
        int pins = 0xFF;
        for (int port = 1; port <= ports; port++) {
            if (!charging[port] && !locked[port]) {
                pins &= ~(1 << (port - 1));
            }
        }
        if (pins != lightsShown) {
            lights.write((byte) pins);
            lightsShown = pins;
        }
    }

    /** With every row low at rest, a column low means a key is down: then one row at a time finds it. */
    private void scanKeypad(Instant now) {
        Character key = null;
        if (columns.stream().anyMatch(c -> c.state() == DigitalState.LOW)) {
            rows.forEach(DigitalOutput::high);
            for (int r = 0; r < rows.size(); r++) {
                rows.get(r).low();
                for (int c = 0; c < columns.size(); c++) {
                    if (columns.get(c).state() == DigitalState.LOW) {
                        key = MatrixKeypadWiring.PHONE.get(r).charAt(c);
                    }
                }
                rows.get(r).high();
            }
            rows.forEach(DigitalOutput::low);
        }
        if (key != null && heldKey == null) {
            heldKey = key;
            heldSince = now;
        } else if (key == null && heldKey != null) {
            boolean longPress = !now.isBefore(heldSince.plus(LONG_PRESS));
            char typed = heldKey == '0' && longPress ? '+' : heldKey;
            heldKey = null;
            if (typed == '#') {
                dial(now, keys.toString());
                keys.setLength(0);
            } else {
                keys.append(typed);
            }
        }
    }

    private void dial(Instant now, String number) {
        if (!EMERGENCY.contains(number) && !number.matches("\\+\\d{7,15}")) {
            return;
        }
        Dialled d = new Dialled(now, number);
        beforeDialling.accept(d);
        dialled.add(d);
        try {
            ByteBuffer b = ByteBuffer.wrap(("AT+CHUP\rATD" + number + ";\r").getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                modemOut.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drainModem() {
        ByteBuffer b = ByteBuffer.allocate(4096);
        try {
            while (modemIn.read(b.clear()) >= 0) {
                // what the modem answers: the stand-in does not listen
            }
        } catch (IOException e) {
            // closed
        }
    }

    private I2C i2c(int address) {
        return pi4j.create(I2C.newConfigBuilder(pi4j).id(String.format("stand-in-%02x", address))
                .bus(KioskSite.I2C_BUS).device(address).build());
    }

    private DigitalOutput output(int pin, DigitalState initial) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("stand-in-out-" + pin).address(pin)
                .initial(initial).shutdown(initial).build());
    }

    private DigitalInput input(int pin) {
        return pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("stand-in-in-" + pin).address(pin)
                .pull(PullResistance.PULL_UP).debounce(0L).build());
    }

    private static int register(I2C i2c, int register) {
        byte[] b = new byte[2];
        i2c.readRegister(register, b, 0, 2);
        return (b[0] & 0xFF) << 8 | (b[1] & 0xFF);
    }

    private static int signed(int word) {
        return (short) word;
    }

    @Override
    public void close() {
        pi4j.shutdown();
        try {
            modemOut.close();
            modemIn.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
