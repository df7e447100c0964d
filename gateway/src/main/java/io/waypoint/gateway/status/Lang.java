package io.waypoint.gateway.status;

import java.util.Locale;
import java.util.Map;

/**
 * The page's own words in English and Spanish (DESIGN.md: staff and technicians read one of the
 * two). Alert messages come from the alert engine and stay in its English.
 */
enum Lang {
    EN("en", Map.ofEntries(
            Map.entry("title", "Service point status"), Map.entry("updated", "Gateway %s, %s"),
            Map.entry("services", "Services now"), Map.entry("alerts", "Open alerts"), Map.entry("no_alerts", "No open alerts."),
            Map.entry("chart", "Water, last 24 h to %s"), Map.entry("turbidity", "Turbidity (NTU)"), Map.entry("flow", "Flow (L/min)"),
            Map.entry("no_readings", "No readings in these 24 h."), Map.entry("nodes", "Nodes"), Map.entry("node", "Node"),
            Map.entry("contact", "Last contact"), Map.entry("online", "online"), Map.entry("offline", "offline"),
            Map.entry("no_sites", "No node has reported to this gateway yet."),
            Map.entry("CHARGING", "Phone charging"), Map.entry("CALLS", "Free calls"), Map.entry("WIFI", "Wi-Fi"),
            Map.entry("WATER", "Drinking water"),
            Map.entry("up.CHARGING", "%d of %d ports free"), Map.entry("up.CALLS", "calls possible"), Map.entry("up.WIFI", "Wi-Fi up"),
            Map.entry("up.WATER", "safe (%s NTU)"),
            Map.entry("SHED_CHARGING", "off: battery low, charging shed"), Map.entry("SHED_ALL", "off: battery low, everything shed"),
            Map.entry("MODEM_FAULT", "not possible: modem %s"), Map.entry("NO_NETWORK", "not possible: network %s"),
            Map.entry("UPLINK_DOWN", "down: no internet uplink"), Map.entry("SENSOR_FAULT", "unknown: sensor %s"),
            Map.entry("NO_READINGS", "unknown: no readings"), Map.entry("TURBID", "UNSAFE: %s NTU, above 5"),
            Map.entry("no_data", "no recent report (last %s)"), Map.entry("never", "never"),
            Map.entry("raised", "raised %s ago"), Map.entry("acked_by", "acknowledged by %s"),
            Map.entry("your_name", "Your name"), Map.entry("ack", "Acknowledge"),
            Map.entry("ago", "%s ago"), Map.entry("now", "less than a minute"), Map.entry("boot", "boot %d"),
            Map.entry("min", "%d min"), Map.entry("h", "%d h %d min"), Map.entry("d", "%d d %d h"),
            Map.entry("critical", "critical"), Map.entry("warning", "warning"), Map.entry("info", "info"),
            Map.entry("escalated", "escalated: not acknowledged in time"), Map.entry("acknowledged", "acknowledged"),
            Map.entry("done", "Acknowledgement of %s sent."))),
    ES("es", Map.ofEntries(
            Map.entry("title", "Estado del punto de servicio"), Map.entry("updated", "Pasarela %s, %s"),
            Map.entry("services", "Servicios ahora"), Map.entry("alerts", "Alertas abiertas"),
            Map.entry("no_alerts", "No hay alertas abiertas."),
            Map.entry("chart", "Agua, últimas 24 h hasta %s"), Map.entry("turbidity", "Turbidez (NTU)"),
            Map.entry("flow", "Caudal (L/min)"), Map.entry("no_readings", "Sin lecturas en estas 24 h."), Map.entry("nodes", "Nodos"),
            Map.entry("node", "Nodo"), Map.entry("contact", "Último contacto"), Map.entry("online", "conectado"),
            Map.entry("offline", "desconectado"), Map.entry("no_sites", "Ningún nodo ha informado a esta pasarela todavía."),
            Map.entry("CHARGING", "Carga de teléfonos"), Map.entry("CALLS", "Llamadas gratuitas"), Map.entry("WIFI", "Wi-Fi"),
            Map.entry("WATER", "Agua potable"),
            Map.entry("up.CHARGING", "%d de %d puertos libres"), Map.entry("up.CALLS", "se puede llamar"),
            Map.entry("up.WIFI", "Wi-Fi funcionando"), Map.entry("up.WATER", "segura (%s NTU)"),
            Map.entry("SHED_CHARGING", "apagada: batería baja, carga cortada"),
            Map.entry("SHED_ALL", "apagado: batería baja, todo cortado"), Map.entry("MODEM_FAULT", "no es posible: módem %s"),
            Map.entry("NO_NETWORK", "no es posible: red %s"), Map.entry("UPLINK_DOWN", "caído: sin conexión a internet"),
            Map.entry("SENSOR_FAULT", "desconocida: sensor %s"), Map.entry("NO_READINGS", "desconocida: sin lecturas"),
            Map.entry("TURBID", "NO APTA: %s NTU, más de 5"),
            Map.entry("no_data", "sin informe reciente (último %s)"), Map.entry("never", "nunca"),
            Map.entry("raised", "hace %s"), Map.entry("acked_by", "atendida por %s"),
            Map.entry("your_name", "Su nombre"), Map.entry("ack", "Atender"),
            Map.entry("ago", "hace %s"), Map.entry("now", "menos de un minuto"), Map.entry("boot", "arranque %d"),
            Map.entry("min", "%d min"), Map.entry("h", "%d h %d min"), Map.entry("d", "%d d %d h"),
            Map.entry("critical", "crítica"), Map.entry("warning", "aviso"), Map.entry("info", "info"),
            Map.entry("escalated", "escalada: no atendida a tiempo"), Map.entry("acknowledged", "atendida"),
            Map.entry("done", "Enviado: %s atendida.")));

    private final String tag;
    private final Map<String, String> words;

    Lang(String tag, Map<String, String> words) {
        this.tag = tag;
        this.words = words;
    }

    String tag() {
        return tag;
    }

    /** The phrase {@code key}, with {@code args} formatted in (numbers in the root locale). */
    String t(String key, Object... args) {
        String w = words.get(key);
        if (w == null) {
            throw new IllegalArgumentException("no phrase '" + key + "' in " + tag);
        }
        return args.length == 0 ? w : String.format(Locale.ROOT, w, args);
    }

    /**
     * {@code ?lang=} when given, else the first of English or Spanish in the browser's
     * {@code Accept-Language} (in its order); English when neither is there.
     */
    static Lang choose(String query, String acceptLanguage) {
        if (query != null) {
            for (Lang l : values()) {
                if (l.tag.equals(query)) {
                    return l;
                }
            }
        }
        if (acceptLanguage != null) {
            for (String part : acceptLanguage.split(",")) {
                String tag = part.trim().toLowerCase(Locale.ROOT);
                for (Lang l : values()) {
                    if (tag.startsWith(l.tag)) {
                        return l;
                    }
                }
            }
        }
        return EN;
    }
}
