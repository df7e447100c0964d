package io.waypoint.console;

import java.util.Objects;

/**
 * A handler's way to say that a part is not right and what the technician should do about it;
 * the console shows it as
 * <pre>
 * Problem: turbidity sensor (reads 4.6 V, above its range)
 * What to do: check the sensor cable at the ADC, then type selftest
 * </pre>
 * Never put anything that identifies a person (a dialled number, a MAC, an IMEI) in it.
 */
public final class ConsoleError extends RuntimeException {
    private final String part;
    private final String value;
    private final String whatToDo;

    /**
     * @param part     what is wrong, as the technician knows it ("turbidity sensor", "charging port 3")
     * @param value    what was seen ("reads 4.6 V", "no answer"), or null
     * @param whatToDo one concrete next step
     */
    public ConsoleError(String part, String value, String whatToDo) {
        super(part + (value == null ? "" : " (" + value + ")") + ": " + whatToDo);
        this.part = Objects.requireNonNull(part, "part");
        this.value = value;
        this.whatToDo = Objects.requireNonNull(whatToDo, "whatToDo");
    }

    public String part() {
        return part;
    }

    /** What was seen, or null. */
    public String value() {
        return value;
    }

    public String whatToDo() {
        return whatToDo;
    }

    /** The two lines the technician reads. */
    String forTechnician() {
        return "Problem: " + part + (value == null ? "" : " (" + value + ")") + "\nWhat to do: " + whatToDo;
    }
}
