package io.waypoint.kiosk.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * What may be dialled from the kiosk's free phone: digits only, optionally after a single leading
 * {@code +}, between {@code minDigits} and {@code maxDigits} digits; and the emergency numbers,
 * exactly as listed, whatever their length. Nothing else: {@code *} and {@code #} sequences are
 * network codes a modem runs ({@code *#06#}, call diversion, credit transfer), so they are refused.
 *
 * <p>The default emergency numbers, and where each is one (check the site's country and put its
 * number first: the panel shows the first):
 * <table>
 * <caption>Default emergency numbers</caption>
 * <tr><th>number</th><th>where</th></tr>
 * <tr><td>112</td><td>the GSM standard: every GSM phone and modem must treat it as an emergency call
 *     (3GPP TS 22.101), and networks route it to their local service; the EU, much of Europe, Africa
 *     and Asia, often even without a SIM (Latin American networks usually require one)</td></tr>
 * <tr><td>911</td><td>the Americas: USA, Canada, Mexico, Guatemala, Honduras, El Salvador, Costa
 *     Rica, Panama, Dominican Republic, Ecuador, Venezuela, Paraguay, Uruguay, Argentina (parts);
 *     also stored in every GSM phone (3GPP TS 22.101)</td></tr>
 * <tr><td>999</td><td>United Kingdom, Ireland and many Commonwealth countries; in the 3GPP list
 *     a phone uses without a SIM</td></tr>
 * <tr><td>000</td><td>Australia (3GPP list without a SIM)</td></tr>
 * <tr><td>110</td><td>police in Germany, China, Japan, Bolivia, Guatemala (3GPP list without a SIM)</td></tr>
 * <tr><td>118</td><td>police in Nicaragua; ambulance in Italy and Bolivia (3GPP list without a SIM)</td></tr>
 * <tr><td>119</td><td>fire and ambulance in Japan, Korea, Taiwan; fire in Bolivia (3GPP list without a SIM)</td></tr>
 * <tr><td>190, 192, 193</td><td>Brazil: police, ambulance (SAMU), fire</td></tr>
 * <tr><td>100</td><td>police in Israel and Greece (India's former police number); fire in Argentina</td></tr>
 * <tr><td>101</td><td>ambulance in Israel; fire in India, Russia, Armenia, Belarus; police in Argentina.
 *     <b>Not</b> an emergency number in the United Kingdom (police non-emergency line)</td></tr>
 * <tr><td>102</td><td>police in Russia, Armenia, Belarus; ambulance in India; fire in Israel</td></tr>
 * </table>
 * Not in the default and worth adding where they apply: Colombia 123; Chile 131, 132, 133; Peru
 * 105, 116, 117; Nicaragua 115 and 128 (Red Cross); Guatemala 122, 123, 125 (Red Cross); Cuba 104,
 * 105, 106; Haiti 114 (police; verify the ambulance and fire numbers locally). A short number that is
 * an emergency number in one country may be a carrier's service line in another: since emergency
 * numbers are unlimited, keep the list to the site's region.
 *
 * @param emergencyNumbers each 2 to 6 digits (a SIM holds up to 6), in the order the panel should
 *                         mention them
 */
public record DialRules(List<String> emergencyNumbers, int minDigits, int maxDigits) {

    /**
     * @throws IllegalArgumentException for an emergency number that is not 2 to 6 digits, none at all,
     *         or digit limits outside 1 ≤ minDigits ≤ maxDigits ≤ 20
     */
    public DialRules {
        emergencyNumbers = List.copyOf(new LinkedHashSet<>(Objects.requireNonNull(emergencyNumbers)));
        if (emergencyNumbers.isEmpty()) {
            throw new IllegalArgumentException("at least one emergency number is needed");
        }
        for (String n : emergencyNumbers) {
            if (!n.matches("[0-9]{2,6}")) {
                throw new IllegalArgumentException("an emergency number must be 2 to 6 digits, was '" + n + "'");
            }
        }
        if (!(1 <= minDigits && minDigits <= maxDigits && maxDigits <= 20)) {
            throw new IllegalArgumentException("dialled numbers need 1 <= minimum digits <= maximum digits <= 20, was "
                    + minDigits + " and " + maxDigits);
        }
    }

    /** The emergency numbers of the table above; 3 to 16 digits otherwise (E.164 has at most 15, plus a trunk 0). */
    public static DialRules defaults() {
        return new DialRules(List.of("112", "911", "999", "000", "110", "118", "119", "190", "192", "193", "100",
                "101", "102"), 3, 16);
    }

    /** These rules with {@code numbers} first, then the others: the panel shows the first. */
    public DialRules withEmergencyFirst(String... numbers) {
        List<String> all = new ArrayList<>(List.of(numbers));
        all.addAll(emergencyNumbers);
        return new DialRules(all, minDigits, maxDigits);
    }

    /** The emergency number the panel shows. */
    public String shownEmergencyNumber() {
        return emergencyNumbers.get(0);
    }

    /**
     * What {@code number} is. It is read, never kept: the result names a kind, not the number.
     * Exactly an emergency number is {@link NumberCheck#EMERGENCY} ({@code +112} is not: a {@code +}
     * starts an international number).
     */
    public NumberCheck check(CharSequence number) {
        Objects.requireNonNull(number, "number");
        int n = number.length();
        int digits = 0;
        for (int i = 0; i < n; i++) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c == '+' && i == 0)) {
                return NumberCheck.NOT_DIGITS;
            }
        }
        if (digits == 0) {
            return NumberCheck.NOT_DIGITS;
        }
        if (digits == n) {
            for (String e : emergencyNumbers) {
                if (e.contentEquals(number)) {
                    return NumberCheck.EMERGENCY;
                }
            }
        }
        if (digits < minDigits) {
            return NumberCheck.TOO_SHORT;
        }
        if (digits > maxDigits) {
            return NumberCheck.TOO_LONG;
        }
        return NumberCheck.ALLOWED;
    }
}
