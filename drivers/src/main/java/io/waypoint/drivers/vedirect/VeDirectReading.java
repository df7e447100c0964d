package io.waypoint.drivers.vedirect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One VE.Direct text block whose checksum was right: every field as the device sent it, and typed
 * views of the ones a kiosk uses. A field the device did not send (a charger without a load output
 * has no {@code LOAD} or {@code IL}), or sent as something other than a number (some devices send
 * {@code ---} for "not available"), reads as empty; labels this class does not know are kept in
 * {@link #fields()}.
 *
 * @param fields label to value, in the order they came, without the {@code Checksum} field
 */
public record VeDirectReading(Map<String, String> fields) {

    public VeDirectReading {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** {@code V}: battery voltage in mV. */
    public OptionalInt batteryMillivolts() {
        return integer("V");
    }

    /** {@code I}: battery current in mA, positive while charging. */
    public OptionalInt batteryMilliamps() {
        return integer("I");
    }

    /** {@code VPV}: panel voltage in mV. */
    public OptionalInt panelMillivolts() {
        return integer("VPV");
    }

    /** {@code PPV}: panel power in W. */
    public OptionalInt panelWatts() {
        return integer("PPV");
    }

    /** {@code CS}: what the charger is doing. */
    public Optional<ChargeState> chargeState() {
        OptionalInt cs = integer("CS");
        return cs.isPresent() ? Optional.of(ChargeState.of(cs.getAsInt())) : Optional.empty();
    }

    /** {@code ERR}: the charger's error code, 0 when there is none. */
    public OptionalInt errorCode() {
        return integer("ERR");
    }

    /** {@code LOAD}: whether the load output is switched on. */
    public Optional<Boolean> loadOn() {
        String load = fields.get("LOAD");
        if ("ON".equalsIgnoreCase(load)) {
            return Optional.of(true);
        }
        if ("OFF".equalsIgnoreCase(load)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** {@code IL}: load output current in mA. */
    public OptionalInt loadMilliamps() {
        return integer("IL");
    }

    /**
     * {@code H20}: the panel yield today in Wh (the field counts 0.01 kWh, so in steps of 10 Wh);
     * empty when the Wh would not fit an int, which no day's yield comes near.
     */
    public OptionalInt yieldTodayWh() {
        OptionalInt h20 = integer("H20");
        if (h20.isEmpty()) {
            return h20;
        }
        long wh = h20.getAsInt() * 10L;
        return wh == (int) wh ? OptionalInt.of((int) wh) : OptionalInt.empty();
    }

    /** {@code PID}: the product id, e.g. {@code 0xA075}, for the console. */
    public Optional<String> productId() {
        return Optional.ofNullable(fields.get("PID"));
    }

    private OptionalInt integer(String label) {
        String value = fields.get(label);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
