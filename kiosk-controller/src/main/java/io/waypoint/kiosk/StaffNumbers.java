package io.waypoint.kiosk;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The phone numbers of a recipient list of the kiosk's {@code [sms]} section (the staff who get
 * critical alerts by SMS when the site's uplink is down). They are configuration and stay on the
 * kiosk: they are never sent, and a log or an error shows one only {@link #mask masked}.
 */
record StaffNumbers(String list, List<String> numbers) {
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");

    StaffNumbers {
        numbers = List.copyOf(numbers);
        for (String n : numbers) {
            if (!NUMBER.matcher(n).matches()) {
                throw new IllegalArgumentException("sms." + list + ": '" + mask(n) + "' is not a phone number: expected 3 to 20 "
                        + "digits after an optional leading +, e.g. +50212345678");
            }
        }
    }

    /**
     * A number as a log may show it: its first three and last three characters, a star for each between
     * ({@code +34600123789} is {@code +34******789}); six characters or fewer are all stars.
     */
    static String mask(String number) {
        if (number == null) {
            return "(none)";
        }
        int n = number.length();
        if (n <= 6) {
            return "*".repeat(n);
        }
        return number.substring(0, 3) + "*".repeat(n - 6) + number.substring(n - 3);
    }

    /** The numbers masked, for a log line. */
    String masked() {
        return String.join(", ", numbers.stream().map(StaffNumbers::mask).toList());
    }

    @Override
    public String toString() {
        return "StaffNumbers[" + list + ": " + masked() + "]";
    }
}
