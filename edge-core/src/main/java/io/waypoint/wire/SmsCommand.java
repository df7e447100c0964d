package io.waypoint.wire;

/**
 * The gateway asks a kiosk to send an SMS through its modem: {@code wp/v1/{site}/{kiosk}/cmd/sms}
 * ({@value #NAME}), answered on {@code .../cmd/sms/result}. The numbers are not on the wire: {@code to}
 * names a list in the kiosk's configuration ({@code [sms] staff = ...}), so that a broker, a bridge or a
 * log never holds a member of staff's phone number.
 *
 * @param id   what the answer repeats: the alert key and transition it is about, or "summary"
 * @param to   the recipient list, an id such as {@code staff}
 * @param text the message, at most {@value #MAX_TEXT} characters (one SMS)
 */
public record SmsCommand(String id, String to, String text) {
    /** The command's name in its topic. */
    public static final String NAME = "sms";
    /** One SMS of the GSM 7-bit alphabet. */
    public static final int MAX_TEXT = 160;
    /** An id is at most this long. */
    public static final int MAX_ID = 96;

    public SmsCommand {
        if (id == null || id.isEmpty() || id.length() > MAX_ID) {
            throw new IllegalArgumentException("an SMS command's id must be 1 to " + MAX_ID + " characters");
        }
        if (!Ids.isId(to)) {
            throw new IllegalArgumentException("an SMS command's recipient list must be " + Ids.ID_SHAPE + " (the value is not repeated)");
        }
        if (text == null || text.isEmpty() || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("an SMS text must be 1 to " + MAX_TEXT + " characters, was "
                    + (text == null ? "none" : text.length()));
        }
    }
}
