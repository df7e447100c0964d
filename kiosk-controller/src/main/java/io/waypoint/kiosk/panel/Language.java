package io.waypoint.kiosk.panel;

/** The panel's languages, in the order the language button cycles through them. */
public enum Language {
    SPANISH("ES", "Español"),
    ENGLISH("EN", "English"),
    FRENCH("FR", "Français"),
    HAITIAN_CREOLE("HT", "Kreyòl"),
    PORTUGUESE("PT", "Português");

    private final String code;
    private final String ownName;

    Language(String code, String ownName) {
        this.code = code;
        this.ownName = ownName;
    }

    /** The two-letter code shown on the language screen: ES, EN, FR, HT, PT. */
    public String code() {
        return code;
    }

    /** The language's name in itself: Español, English, Français, Kreyòl, Português. */
    public String ownName() {
        return ownName;
    }

    /** The language of a two-letter code, any case: es, en, fr, ht, pt. */
    public static Language fromCode(String code) {
        for (Language l : values()) {
            if (l.code.equalsIgnoreCase(code)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no panel language '" + code + "': expected es, en, fr, ht or pt");
    }

    /** The language the button goes to next, back to the first after the last. */
    public Language next() {
        Language[] all = values();
        return all[(ordinal() + 1) % all.length];
    }
}
