package io.waypoint.well;

import io.waypoint.config.CommandLine;
import io.waypoint.config.Settings;
import io.waypoint.node.NodeSettings;
import java.time.Duration;

/**
 * The well node's configuration:
 * {@code scripts/sensor-node --broker URL --site S --node N [--config FILE] [--data DIR] [--hal sim --scenario NAME --speed F]}.
 *
 * <pre>
 * site = la-gloria                    # --site
 * node = well-01                      # --node
 * [broker]
 * url = tcp://192.168.4.1:1883        # --broker
 * username = well-01                  # optional; password optional, never logged
 * ca_file = /etc/waypoint/ca.pem      # for ssl:// urls
 * [data]
 * dir = /var/lib/waypoint/well-01     # --data: outbox, boot counter, flow total, calibration, cartridge
 * [hal]
 * mode = board                        # --hal: board (gpiod, linuxfs I2C) or sim (hal-sim, never on a board)
 * [sim]
 * scenario = normal-day               # --scenario: a bundled scenario or a scenario file
 * speed = 60                          # --speed: simulated seconds per wall second
 * turbidity = analog                  # the simulated site's sensor: analog, sen0710 or y511
 * [telemetry]
 * interval = 60s
 * [sampling]
 * interval = 10s                      # turbidity (median of 5 conversions) and flow rate
 * [turbidity]
 * source = analog                     # analog (SEN0189 via ADS1115) or modbus
 * i2c_bus = 1
 * i2c_address = 0x48
 * channel = 0                         # ADS1115 AIN0..AIN3
 * modbus_port = /dev/ttyUSB0
 * modbus_profile = sen0710            # sen0710 (uint16 ×10) or y511 (float32)
 * modbus_address = 1
 * modbus_baud = 4800
 * [flow]
 * pin = 17                            # BCM
 * k_factor = 450                      # pulses per litre until a bucket test calibrates the unit
 * [indicator]
 * pin = 27                            # BCM; the "do not drink" light
 * active_high = true
 * [water]
 * unsafe_ntu = 5                      # light on above this for unsafe_for
 * unsafe_for = 2m
 * safe_ntu = 4                        # light off below this for safe_for
 * safe_for = 5m
 * [cartridge]
 * rated_litres = 100000               # LifeStraw Community; Family 1.0: 18000
 * [console]
 * serial_port = /dev/ttyAMA0          # optional: the technician console on a serial port
 * serial_baud = 115200
 * stdin = true
 * [log]
 * level = info
 * </pre>
 */
record WellNodeConfig(NodeSettings node, String simTurbidity, Duration samplingInterval,
                      String turbiditySource, int i2cBus, int i2cAddress, int adcChannel,
                      String modbusPort, String modbusProfile, int modbusAddress, int modbusBaud,
                      int flowPin, double kFactor, int indicatorPin, boolean indicatorActiveHigh,
                      double unsafeNtu, Duration unsafeFor, double safeNtu, Duration safeFor,
                      double cartridgeRatedLitres) {

    static final CommandLine COMMAND_LINE = NodeSettings.COMMAND_LINE;

    static WellNodeConfig from(Settings s) {
        NodeSettings node = NodeSettings.from(s, "normal-day");
        boolean sim = node.sim();
        String simTurbidity = s.choice("sim.turbidity", "analog", "analog", "sen0710", "y511");
        Duration sampling = s.duration("sampling.interval", Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(5));
        String source = s.choice("turbidity.source", sim && !simTurbidity.equals("analog") ? "modbus" : "analog", "analog", "modbus");
        int bus = (int) s.integer("turbidity.i2c_bus", 1, 0, 31);
        int address = (int) s.integer("turbidity.i2c_address", 0x48, 0x48, 0x4B);
        int channel = (int) s.integer("turbidity.channel", 0, 0, 3);
        String port = s.string("turbidity.modbus_port", "/dev/ttyUSB0");
        String profile = s.choice("turbidity.modbus_profile", simTurbidity.equals("y511") ? "y511" : "sen0710", "sen0710", "y511");
        int unit = (int) s.integer("turbidity.modbus_address", 1, 1, 247);
        int baud = (int) s.integer("turbidity.modbus_baud", profile.equals("y511") ? 9600 : 4800, 1200, 115_200);
        int flowPin = (int) s.integer("flow.pin", 17, 0, 53);
        double k = s.number("flow.k_factor", 450, 1, 100_000);
        int indicatorPin = (int) s.integer("indicator.pin", 27, 0, 53);
        boolean activeHigh = s.bool("indicator.active_high", true);
        double unsafe = s.number("water.unsafe_ntu", 5, 0.1, 1000);
        Duration unsafeFor = s.duration("water.unsafe_for", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(6));
        double safe = s.number("water.safe_ntu", 4, 0, 1000);
        Duration safeFor = s.duration("water.safe_for", Duration.ofMinutes(5), Duration.ZERO, Duration.ofHours(6));
        if (safe > unsafe) {
            throw new io.waypoint.config.ConfigException("configuration", "water.safe_ntu", Double.toString(safe),
                    "a level at or below water.unsafe_ntu (" + unsafe + ")");
        }
        double rated = s.number("cartridge.rated_litres", 100_000, 1, 10_000_000);
        s.rejectUnknownKeys();
        return new WellNodeConfig(node, simTurbidity, sampling, source, bus, address, channel, port, profile, unit, baud, flowPin, k,
                indicatorPin, activeHigh, unsafe, unsafeFor, safe, safeFor, rated);
    }

    @Override
    public String toString() {
        return "WellNodeConfig[" + node + ", turbidity=" + turbiditySource + "]";
    }
}
