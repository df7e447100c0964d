package io.waypoint.kiosk;

import io.waypoint.config.CommandLine;
import io.waypoint.config.Settings;
import io.waypoint.node.NodeSettings;
import io.waypoint.kiosk.panel.Language;
import io.waypoint.kiosk.policy.CallSettings;
import java.time.Duration;
import java.util.List;

/**
 * The kiosk's configuration:
 * {@code scripts/kiosk --broker URL --site S --node N [--config FILE] [--data DIR] [--hal sim --scenario NAME --speed F]}.
 *
 * <p>The default wiring (BCM numbering) keeps the Pi's GPIO for what needs it and puts the port
 * LEDs and buttons on two PCF8574 expanders:
 * <pre>
 * I2C bus 1   INA219 per port 0x40..0x47 (8 mΩ shunts), battery bus INA219 0x4A (1 mΩ), LCD backpack 0x27,
 *             port LEDs PCF8574 0x21 (P0 = port 1), port buttons PCF8574 0x22 (to GND)
 * GPIO        relays 4, 5, 6, 12, 13, 16, 19, 20 (port 1..8); call button 18; language button 7;
 *             keypad rows 21, 22, 23, 24, columns 25, 26, 27
 * serial      GSM modem /dev/ttyUSB0 (115200); Victron VE.Direct /dev/ttyUSB1 (19200) if power.source = vedirect
 * </pre>
 *
 * <pre>
 * site = la-gloria                   # --site
 * node = kiosk-01                    # --node
 * [broker] url, username, password, ca_file
 * [data] dir                         # --data
 * [hal] mode = board | sim           # --hal
 * [sim] scenario = busy-kiosk, speed = 60, power = ina219 | vedirect
 * [telemetry] interval = 60s
 * [charging] ports = 8, relay_pins = 4,5,6,12,13,16,19,20, relay_active_high = true,
 *            ina219_addresses = 0x40,...,0x47, shunt_ohms = 0.008, max_amps = 3.2,
 *            led_expander = 0x21, button_expander = 0x22, time_limit = 60m, start_on_plug = false
 * [calls] modem_port = /dev/ttyUSB0, modem_baud = 115200, talk_limit = 3m, call_button_pin = 18,
 *         keypad_rows = 21,22,23,24, keypad_cols = 25,26,27, emergency = 112,911 (first: shown on screen),
 *         credit_retry = 10m   # after the operator refuses a call for credit, ordinary calls are
 *                              # emergency-only, then tried again this long after the last refusal
 *                              # (1m to 24h; see CallSettings#defaults for why 10 min)
 * [wifi] ndsctl = /usr/bin/ndsctl, sudo = false, session = 30m, down_mb = 200, up_mb = 50, max_sessions = 40
 * [power] source = ina219 | vedirect, ina219_address = 0x4A, shunt_ohms = 0.001, max_amps = 20,
 *         vedirect_port = /dev/ttyUSB1
 * [panel] lcd_address = 0x27, language_pin = 7, language = es
 * [sms] staff = +34600123789, +50255501234   # who gets critical alerts by SMS while the uplink is down
 *                                          # (the gateway's [sms] decides when); never sent, logged masked
 * [console] serial_port, serial_baud = 115200, stdin = true
 * [log] level = info
 * </pre>
 */
record KioskConfig(NodeSettings node, String simPower,
                   int ports, List<Integer> relayPins, boolean relayActiveHigh, List<Integer> portSensors, double portShuntOhms,
                   double portMaxAmps, int ledExpander, int buttonExpander, Duration chargeLimit, boolean startOnPlug,
                   String modemPort, int modemBaud, Duration talkLimit, int callButtonPin, List<Integer> keypadRows,
                   List<Integer> keypadCols, List<String> emergency, Duration creditRetry,
                   String ndsctl, boolean ndsctlSudo, Duration wifiSession, long wifiDownMb, long wifiUpMb, int wifiMaxSessions,
                   String powerSource, int batterySensor, double batteryShuntOhms, double batteryMaxAmps, String vedirectPort,
                   int lcdAddress, int languagePin, Language language, StaffNumbers smsStaff) {

    static final int I2C_BUS = 1;

    static final CommandLine COMMAND_LINE = NodeSettings.COMMAND_LINE;

    static KioskConfig from(Settings s) {
        NodeSettings node = NodeSettings.from(s, "busy-kiosk");
        boolean sim = node.sim();
        String simPower = s.choice("sim.power", "ina219", "ina219", "vedirect");
        int ports = (int) s.integer("charging.ports", 8, 1, 8);
        List<Integer> relays = s.integers("charging.relay_pins", List.of(4, 5, 6, 12, 13, 16, 19, 20).subList(0, ports), ports, 0, 53);
        boolean relayHigh = s.bool("charging.relay_active_high", true);
        List<Integer> sensors = s.integers("charging.ina219_addresses",
                List.of(0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47).subList(0, ports), ports, 0x40, 0x4F);
        double shunt = s.number("charging.shunt_ohms", 0.008, 0.0001, 10);
        double maxAmps = s.number("charging.max_amps", 3.2, 0.1, 30);
        int leds = (int) s.integer("charging.led_expander", 0x21, 0x20, 0x3F);
        int buttons = (int) s.integer("charging.button_expander", 0x22, 0x20, 0x3F);
        Duration chargeLimit = s.duration("charging.time_limit", Duration.ofMinutes(60), Duration.ofMinutes(5), Duration.ofHours(12));
        boolean onPlug = s.bool("charging.start_on_plug", false);
        String modemPort = s.string("calls.modem_port", "/dev/ttyUSB0");
        int modemBaud = (int) s.integer("calls.modem_baud", 115_200, 1200, 921_600);
        Duration talk = s.duration("calls.talk_limit", Duration.ofMinutes(3), Duration.ofSeconds(60), Duration.ofMinutes(30));
        int callPin = (int) s.integer("calls.call_button_pin", 18, 0, 53);
        List<Integer> rows = s.integers("calls.keypad_rows", List.of(21, 22, 23, 24), 4, 0, 53);
        List<Integer> cols = s.integers("calls.keypad_cols", List.of(25, 26, 27), 3, 0, 53);
        List<String> emergency = s.words("calls.emergency", List.of());
        Duration creditRetry = s.duration("calls.credit_retry", CallSettings.defaults().creditRetry(), Duration.ofMinutes(1),
                Duration.ofHours(24));
        String ndsctl = s.string("wifi.ndsctl", "/usr/bin/ndsctl");
        boolean sudo = s.bool("wifi.sudo", false);
        Duration session = s.duration("wifi.session", Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofHours(24));
        long down = s.integer("wifi.down_mb", 200, 1, 100_000);
        long up = s.integer("wifi.up_mb", 50, 1, 100_000);
        int maxSessions = (int) s.integer("wifi.max_sessions", 40, 1, 250);
        String power = s.choice("power.source", sim && simPower.equals("vedirect") ? "vedirect" : "ina219", "ina219", "vedirect");
        int battery = (int) s.integer("power.ina219_address", 0x4A, 0x40, 0x4F);
        double batteryShunt = s.number("power.shunt_ohms", 0.001, 0.0001, 10);
        double batteryAmps = s.number("power.max_amps", 20, 0.1, 200);
        String vedirect = s.string("power.vedirect_port", "/dev/ttyUSB1");
        int lcd = (int) s.integer("panel.lcd_address", 0x27, 0x20, 0x3F);
        int languagePin = (int) s.integer("panel.language_pin", 7, 0, 53);
        Language language = Language.fromCode(s.choice("panel.language", "es", "es", "en", "fr", "ht", "pt"));
        StaffNumbers staff = staffNumbers(s);
        s.rejectUnknownKeys();
        return new KioskConfig(node, simPower, ports, relays, relayHigh, sensors, shunt, maxAmps, leds, buttons, chargeLimit, onPlug,
                modemPort, modemBaud, talk, callPin, rows, cols, emergency, creditRetry, ndsctl, sudo, session, down, up, maxSessions, power, battery,
                batteryShunt, batteryAmps, vedirect, lcd, languagePin, language, staff);
    }

    /** {@code sms.staff}: the numbers, checked; an error shows them masked, never in full. */
    private static StaffNumbers staffNumbers(Settings s) {
        List<String> numbers = s.words("sms.staff", List.of());
        try {
            return new StaffNumbers("staff", numbers);
        } catch (IllegalArgumentException e) {
            String masked = String.join(",", numbers.stream().map(StaffNumbers::mask).toList());
            throw new io.waypoint.config.ConfigException(s.invalid("sms.staff", "").source(), "sms.staff", masked,
                    "phone numbers of 3 to 20 digits after an optional leading +, separated by commas, e.g. +50212345678");
        }
    }

    @Override
    public String toString() {
        return "KioskConfig[" + node + ", " + ports + " ports, power " + powerSource + "]";
    }
}
