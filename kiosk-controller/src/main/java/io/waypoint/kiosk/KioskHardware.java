package io.waypoint.kiosk;

import com.pi4j.context.Context;
import io.waypoint.drivers.button.Button;
import io.waypoint.drivers.button.Press;
import io.waypoint.drivers.expander.Pcf8574;
import io.waypoint.drivers.gpio.BoardContext;
import io.waypoint.drivers.gpio.Indicator;
import io.waypoint.drivers.ina219.Ina219;
import io.waypoint.drivers.ina219.Shunt;
import io.waypoint.drivers.keypad.MatrixKeypad;
import io.waypoint.drivers.lcd.CharacterLcd;
import io.waypoint.drivers.opennds.OpenNds;
import io.waypoint.drivers.opennds.OpenNdsSettings;
import io.waypoint.drivers.serial.SerialLink;
import io.waypoint.drivers.vedirect.VeDirectReader;
import io.waypoint.time.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tinylog.Logger;

/**
 * The kiosk's hardware, opened through Pi4J and jssc exactly as on a board; in sim mode the Pi4J
 * context carries the properties that make hal-sim simulate a kiosk site, and the serial ports and
 * the {@code ndsctl} the site made are handed over as system properties (the kiosk never imports
 * hal-sim). Inputs (buttons, keys) reach the kiosk through {@link Inputs}, on the drivers' threads.
 */
final class KioskHardware implements AutoCloseable {
    private static final String SIM_MODEM = "waypoint.sim.serial.modem";
    private static final String SIM_VEDIRECT = "waypoint.sim.serial.vedirect";
    private static final String SIM_NDSCTL = "waypoint.sim.ndsctl";

    /** Where button and key presses go. Called on driver threads: hand them on, don't block. */
    interface Inputs {
        void callButton(Press press, Instant at);

        void languageButton(Press press, Instant at);

        void key(char key, Press press, Instant at);
    }

    final Context pi4j;
    final Scheduler world;
    final List<Ina219> portSensors;
    final List<Indicator> relays;
    final Pcf8574 leds;
    final Pcf8574 buttons;
    final Button callButton;
    final Button languageButton;
    final MatrixKeypad keypad;
    final CharacterLcd lcd;
    final Ina219 batterySensor;
    final SerialLink vedirectLink;
    final VeDirectReader vedirect;
    final SerialLink modemLink;
    final OpenNds wifi;
    private final List<AutoCloseable> opened;

    private KioskHardware(Context pi4j, Scheduler world, List<Ina219> portSensors, List<Indicator> relays, Pcf8574 leds,
                          Pcf8574 buttons, Button callButton, Button languageButton, MatrixKeypad keypad, CharacterLcd lcd,
                          Ina219 batterySensor, SerialLink vedirectLink, VeDirectReader vedirect, SerialLink modemLink,
                          OpenNds wifi, List<AutoCloseable> opened) {
        this.pi4j = pi4j;
        this.world = world;
        this.portSensors = portSensors;
        this.relays = relays;
        this.leds = leds;
        this.buttons = buttons;
        this.callButton = callButton;
        this.languageButton = languageButton;
        this.keypad = keypad;
        this.lcd = lcd;
        this.batterySensor = batterySensor;
        this.vedirectLink = vedirectLink;
        this.vedirect = vedirect;
        this.modemLink = modemLink;
        this.wifi = wifi;
        this.opened = opened;
    }

    static KioskHardware open(KioskConfig c, Inputs inputs) throws java.io.IOException {
        Context pi4j;
        Scheduler world;
        if (c.node().sim()) {
            long anchor = System.nanoTime();
            Map<String, String> p = new HashMap<>(c.node().simProperties("kiosk", anchor));
            p.put("waypoint.sim.power", c.simPower());
            BoardContext.Simulated sim = BoardContext.simulated(p);
            pi4j = sim.context();
            world = Scheduler.scaled(sim.start(), c.node().speed(), anchor, "kiosk");
        } else {
            pi4j = BoardContext.board();
            world = Scheduler.system("kiosk");
        }
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            Clock clock = world.clock();
            int bus = KioskConfig.I2C_BUS;
            // every relay first, and off, before anything else is touched: a relay a killed controller left
            // closed keeps a phone powered until it is driven, and a part that fails to open below must not
            // leave the ports after it powered while the kiosk exits (and restarts, and fails again)
            List<Indicator> relays = openRelaysOff(pi4j, c, opened);
            List<Ina219> sensors = new ArrayList<>();
            for (int i = 0; i < c.ports(); i++) {
                int port = i + 1;
                Ina219 sensor = Ina219.open(pi4j, bus, c.portSensors().get(i), new Shunt(c.portShuntOhms(), c.portMaxAmps()),
                        "charging port " + port + " current sensor", clock);
                opened.add(sensor);
                sensors.add(sensor);
            }
            Pcf8574 leds = Pcf8574.open(pi4j, bus, c.ledExpander(), "port LEDs");
            opened.add(leds);
            leds.write(0xFF); // all LEDs off (active low on the usual modules)
            Pcf8574 buttons = Pcf8574.open(pi4j, bus, c.buttonExpander(), "port buttons");
            opened.add(buttons);
            Button call = Button.open(pi4j, c.callButtonPin(), "call button", Button.Settings.DEFAULTS, clock,
                    (d, task) -> world.schedule(d, task)::cancel, inputs::callButton);
            opened.add(call);
            Button language = Button.open(pi4j, c.languagePin(), "language button", Button.Settings.DEFAULTS, clock,
                    (d, task) -> world.schedule(d, task)::cancel, inputs::languageButton);
            opened.add(language);
            MatrixKeypad keypad = MatrixKeypad.open(pi4j, MatrixKeypad.PHONE, toArray(c.keypadRows()), toArray(c.keypadCols()),
                    MatrixKeypad.Settings.DEFAULTS, clock, inputs::key);
            opened.add(keypad);
            CharacterLcd lcd = CharacterLcd.open(pi4j, bus, c.lcdAddress(), CharacterLcd.Size.COLUMNS_20_ROWS_4, clock);
            opened.add(lcd);
            Ina219 battery = null;
            SerialLink veLink = null;
            VeDirectReader ve = null;
            if (c.powerSource().equals("ina219")) {
                battery = Ina219.open(pi4j, bus, c.batterySensor(), new Shunt(c.batteryShuntOhms(), c.batteryMaxAmps()),
                        "battery bus current sensor", clock);
                opened.add(battery);
            } else {
                String port = c.node().sim() ? System.getProperty(SIM_VEDIRECT, c.vedirectPort()) : c.vedirectPort();
                veLink = SerialLink.open(port, VeDirectReader.BAUD, Clock.systemUTC());
                opened.add(veLink);
                ve = VeDirectReader.start(veLink);
                opened.add(0, ve);
            }
            String modemPort = c.node().sim() ? System.getProperty(SIM_MODEM, c.modemPort()) : c.modemPort();
            SerialLink modemLink = SerialLink.open(modemPort, c.modemBaud(), Clock.systemUTC());
            opened.add(modemLink);
            String ndsctl = c.node().sim() ? System.getProperty(SIM_NDSCTL, c.ndsctl()) : c.ndsctl();
            OpenNdsSettings nds = OpenNdsSettings.defaults().withNdsctl(Path.of(ndsctl));
            OpenNds wifi = new OpenNds(c.ndsctlSudo() ? nds.viaSudo() : nds, Clock.systemUTC());
            Logger.info("kiosk {}: {} ports, modem on {}, power from {}, Wi-Fi through {}", c.node().id(), c.ports(), modemPort,
                    c.powerSource(), ndsctl);
            return new KioskHardware(pi4j, world, List.copyOf(sensors), List.copyOf(relays), leds, buttons, call, language, keypad,
                    lcd, battery, veLink, ve, modemLink, wifi, opened);
        } catch (RuntimeException | java.io.IOException e) {
            closeAll(opened);
            pi4j.shutdown();
            world.close();
            throw e;
        }
    }

    /** Opens every port's relay, switched off (Indicator drives it off as it opens), adding each to {@code opened}. */
    private static List<Indicator> openRelaysOff(Context pi4j, KioskConfig c, List<AutoCloseable> opened) {
        List<Indicator> relays = new ArrayList<>();
        for (int i = 0; i < c.ports(); i++) {
            Indicator relay = Indicator.open(pi4j, c.relayPins().get(i), "charging port " + (i + 1) + " relay", c.relayActiveHigh());
            opened.add(relay);
            relays.add(relay);
        }
        return relays;
    }

    private static int[] toArray(List<Integer> pins) {
        return pins.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void closeAll(List<AutoCloseable> things) {
        for (int i = things.size() - 1; i >= 0; i--) {
            try {
                things.get(i).close();
            } catch (Exception e) {
                Logger.warn("closing {}: {}", things.get(i), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        for (Indicator r : relays) {
            r.off();
        }
        closeAll(opened);
        pi4j.shutdown();
        world.close();
    }
}
