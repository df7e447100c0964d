package io.waypoint.kiosk.panel;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Every text the panel shows, in its five languages, side by side so that a reviewer compares them
 * line by line. A prompt is one to four lines ({@code |} separates them); a screen is one prompt or
 * a few stacked. Placeholders in braces are filled by {@link Panel}; {@link #WIDEST} holds the
 * widest value each can take, and a test renders every prompt in every language with those and
 * checks that each line fits twenty characters after folding to ASCII.
 *
 * <p>Plain words: short sentences, everyday verbs, no abbreviations, one term for one thing
 * (charger / cargador / chargeur / chajè / carregador). Avoided because their folded form is another
 * word: año (ano), où (ou), é (e), sè (se), bò (bo), pè (pe). Brazilian Portuguese, as on the
 * routes through the Americas; Latin American Spanish ("presione", "celular" avoided for
 * "teléfono", understood everywhere).
 */
enum Prompt {
    // ---- charging -------------------------------------------------------------------------------
    CHARGE_OPEN(
            "Cargue su teléfono|Gratis, {min} minutos|Libres ahora: {free}|Presione el botón",
            "Charge your phone|Free, {min} minutes|Chargers free: {free}|Press the button",
            "Chargez le téléphone|Gratuit, {min} minutes|Chargeurs libres: {free}|Pressez le bouton",
            "Chaje telefòn ou|Gratis, {min} minit|Chajè ki lib: {free}|Peze bouton an",
            "Carregue o telefone|Grátis, {min} minutos|Livres agora: {free}|Aperte o botão"),
    CHARGE_ALL_BUSY(
            "Todos ocupados|Uno queda libre en|{wait} minutos o menos",
            "All chargers busy|One is free in|{wait} minutes or less",
            "Tout est occupé|Un sera libre dans|{wait} minutes maximum",
            "Tout chajè okipe|Youn ap lib nan|{wait} minit oswa mwens",
            "Todos ocupados|Um fica livre em|{wait} minutos ou menos"),
    CHARGE_SHED(
            "Cargadores apagados|Batería baja|Llamadas y Wi-Fi|sí funcionan",
            "Chargers are off|The battery is low|Calls and Wi-Fi|still work",
            "Chargeurs éteints|Batterie faible|Appels et Wi-Fi|marchent encore",
            "Chajè yo etenn|Batri a fèb|Apèl ak Wi-Fi|mache toujou",
            "Carregador desligado|Bateria fraca|Ligações e Wi-Fi|ainda funcionam"),
    CHARGE_OUT_OF_ORDER(
            "Los cargadores|no funcionan|Lo sentimos",
            "The chargers|are not working|Sorry",
            "Les chargeurs|sont en panne|Désolé",
            "Chajè yo|an pan|Nou regrèt",
            "Os carregadores|não funcionam|Desculpe"),
    /** One line: the port's name, above a port's state. */
    CHARGER_N(
            "Cargador {port}",
            "Charger {port}",
            "Chargeur {port}",
            "Chajè {port}",
            "Carregador {port}"),
    CHARGER_STARTED(
            "Cargando|Por {min} minutos|Conecte su teléfono",
            "Charging now|For {min} minutes|Plug in your phone",
            "En charge|Pour {min} minutes|Branchez le portable",
            "Ap chaje|Pou {min} minit|Ploge telefòn ou",
            "Carregando|Por {min} minutos|Conecte o telefone"),
    CHARGER_TIME_LEFT(
            "Cargando|Faltan {min} minutos",
            "Charging|{min} minutes left",
            "En charge|Encore {min} minutes",
            "Ap chaje|Rete {min} minit",
            "Carregando|Faltam {min} minutos"),
    CHARGER_FULL(
            "Teléfono cargado",
            "Your phone is ready",
            "Téléphone chargé",
            "Telefòn nan chaje",
            "Telefone carregado"),
    CHARGER_TIME_UP(
            "Se acabó el tiempo",
            "Your time is up",
            "Le temps est fini",
            "Tan an fini",
            "O tempo acabou"),
    CHARGER_STOPPED(
            "Carga detenida",
            "Charging stopped",
            "Charge arrêtée",
            "Chaj la kanpe",
            "Carga interrompida"),
    TAKE_YOUR_PHONE(
            "Lleve su teléfono",
            "Take your phone",
            "Prenez le portable",
            "Pran telefòn ou",
            "Pegue seu telefone"),
    CHARGER_FAULT(
            "No funciona|Use otro",
            "Not working|Use another one",
            "En panne|Prenez-en un autre",
            "An pan|Pran yon lòt",
            "Com defeito|Use outro"),

    // ---- calls ----------------------------------------------------------------------------------
    CALL_OPEN(
            "Llamada gratis|{min} minutos|Presione el botón|del teléfono",
            "Free phone call|{min} minutes|Press the button|by the phone",
            "Appel gratuit|{min} minutes|Pressez le bouton|du téléphone",
            "Apèl gratis|{min} minit|Peze bouton|telefòn nan",
            "Ligação grátis|{min} minutos|Aperte o botão|do telefone"),
    /** One line: ordinary calls are impossible now. */
    NO_CALLS(
            "Sin llamadas ahora",
            "No free calls now",
            "Pas d'appel gratuit",
            "Pa gen apèl kounye a",
            "Sem ligações agora"),
    /** Two lines: the emergency number works. */
    EMERGENCY_HINT(
            "Para emergencias|marque {sos}",
            "For emergencies|dial {sos}",
            "En cas d'urgence|appelez le {sos}",
            "Pou ijans|rele {sos}",
            "Em emergência|ligue {sos}"),
    /** Three lines and the digits typed so far below them. */
    CALL_DIAL(
            "Marque el número|y presione el botón|Emergencia: {sos}",
            "Dial the number|and press the button|Emergency: {sos}",
            "Composez le numéro|et pressez le bouton|Urgence: {sos}",
            "Tape nimewo a|epi peze bouton an|Ijans: {sos}",
            "Disque o número|e aperte o botão|Emergência: {sos}"),
    CALL_BUSY(
            "Línea ocupada",
            "The line is busy",
            "La ligne est occupée",
            "Liy la okipe",
            "A linha está ocupada"),
    CALL_NO_ANSWER(
            "No contestan",
            "No answer",
            "Pas de réponse",
            "Pa gen repons",
            "Ninguém atendeu"),
    CALL_FAILED(
            "La llamada falló",
            "The call failed",
            "L'appel a échoué",
            "Apèl la pa pase",
            "A ligação falhou"),
    /** Two lines, below why the last attempt failed and above the digits: try again. */
    CALL_TRY_AGAIN(
            "Quedan intentos: {tries}|Marque otra vez",
            "Tries left: {tries}|Dial again",
            "Essais restants: {tries}|Composez à nouveau",
            "Chans ki rete: {tries}|Tape ankò",
            "Restam tentativas: {tries}|Disque de novo"),
    CALL_CALLING(
            "Llamando...|Espere, por favor",
            "Calling...|Please wait",
            "Appel en cours...|Attendez un peu",
            "N ap rele...|Tanpri tann",
            "Ligando...|Aguarde, por favor"),
    CALL_TALK(
            "Ya puede hablar|Quedan {left}",
            "You can talk now|Time left: {left}",
            "Vous pouvez parler|Il reste {left}",
            "Ou ka pale kounye a|Rete {left}",
            "Pode falar agora|Faltam {left}"),
    CALL_WARNING(
            "Quedan {sec} segundos|Diga adiós",
            "{sec} seconds left|Please say goodbye",
            "Encore {sec} secondes|Dites au revoir",
            "Rete {sec} segonn|Di orevwa",
            "Faltam {sec} segundos|Hora de se despedir"),
    /** An emergency call: the first line, above CALL_CALLING's or the talk time. */
    CALL_EMERGENCY(
            "Emergencia|Sin límite de tiempo",
            "Emergency call|No time limit",
            "Appel d'urgence|Sans limite de temps",
            "Apèl ijans|Pa gen limit tan",
            "Emergência|Sem limite de tempo"),
    CALL_ENDED(
            "Llamada terminada|Gracias",
            "Call ended|Thank you",
            "Appel terminé|Merci",
            "Apèl la fini|Mèsi",
            "Ligação encerrada|Obrigado"),
    CALL_NO_TRIES_LEFT(
            "No quedan intentos|Intente más tarde",
            "No tries left|Try again later",
            "Plus d'essais|Réessayez plus tard",
            "Pa gen chans ankò|Eseye pita",
            "Sem mais tentativas|Tente mais tarde"),
    NUMBER_NOT_ALLOWED(
            "Número no permitido|Use solo 0 a 9",
            "Number not allowed|Use only 0 to 9",
            "Numéro refusé|Seulement 0 à 9",
            "Nimewo sa a pa bon|Sèlman 0 a 9",
            "Número não permitido|Use só 0 a 9"),
    NUMBER_TOO_SHORT(
            "Número muy corto",
            "Number too short",
            "Numéro trop court",
            "Nimewo a twò kout",
            "Número muito curto"),
    NUMBER_TOO_LONG(
            "Número muy largo",
            "Number too long",
            "Numéro trop long",
            "Nimewo a twò long",
            "Número muito longo"),
    TRY_AGAIN(
            "Intente otra vez",
            "Try again",
            "Réessayez",
            "Eseye ankò",
            "Tente de novo"),

    // ---- Wi-Fi ----------------------------------------------------------------------------------
    WIFI_OPEN(
            "Wi-Fi gratis|{min} minutos|Nombre de la red:|{ssid}",
            "Free Wi-Fi|{min} minutes|Network name:|{ssid}",
            "Wi-Fi gratuit|{min} minutes|Nom du réseau:|{ssid}",
            "Wi-Fi gratis|{min} minit|Non rezo a:|{ssid}",
            "Wi-Fi grátis|{min} minutos|Nome da rede:|{ssid}"),
    WIFI_FULL(
            "El Wi-Fi está lleno|Intente más tarde",
            "The Wi-Fi is full|Try again later",
            "Le Wi-Fi est plein|Réessayez plus tard",
            "Wi-Fi a plen|Eseye pita",
            "O Wi-Fi está cheio|Tente mais tarde"),
    WIFI_NO_INTERNET(
            "Sin internet ahora|Intente más tarde",
            "No internet now|Try again later",
            "Pas d'internet|Réessayez plus tard",
            "Pa gen entènèt|Eseye pita",
            "Sem internet agora|Tente mais tarde"),

    // ---- power and language ---------------------------------------------------------------------
    /** Two lines: everything is shed; EMERGENCY_HINT goes below when the kiosk has a phone. */
    OUTAGE(
            "Batería muy baja|Servicios apagados",
            "Battery very low|Services are off",
            "Batterie très faible|Services arrêtés",
            "Batri a fèb anpil|Sèvis yo kanpe",
            "Bateria muito fraca|Serviços desligados"),
    /** The same in every language, so that anyone finds it: the codes, with the current one marked. */
    LANGUAGE(
            "Idioma / Language|Langue / Lang|{codes}|{lang}",
            "Idioma / Language|Langue / Lang|{codes}|{lang}",
            "Idioma / Language|Langue / Lang|{codes}|{lang}",
            "Idioma / Language|Langue / Lang|{codes}|{lang}",
            "Idioma / Language|Langue / Lang|{codes}|{lang}");

    /** The widest value each placeholder can take, as {@link Panel} bounds them. */
    static final Map<String, String> WIDEST = Map.ofEntries(
            Map.entry("port", "64"),
            Map.entry("min", "999"),
            Map.entry("free", "64"),
            Map.entry("wait", "999"),
            Map.entry("left", "99:59"),
            Map.entry("sec", "99"),
            Map.entry("tries", "9"),
            Map.entry("sos", "123456"),
            Map.entry("ssid", "W".repeat(Screen.COLUMNS)),
            Map.entry("codes", "ES EN FR HT [PT]"),
            Map.entry("lang", "Português"));

    private final Map<Language, List<String>> lines = new EnumMap<>(Language.class);

    Prompt(String es, String en, String fr, String ht, String pt) {
        String[] texts = {es, en, fr, ht, pt};
        for (Language l : Language.values()) {
            lines.put(l, List.of(texts[l.ordinal()].split("\\|")));
        }
    }

    /** The lines in {@code language}, unfilled. */
    List<String> template(Language language) {
        return lines.get(language);
    }

    /**
     * The lines in {@code language} with each {@code {name}} replaced by {@code values.get(name)}.
     *
     * @throws IllegalStateException for a placeholder without a value: a bug, not a user's input
     */
    List<String> render(Language language, Map<String, String> values) {
        List<String> out = new ArrayList<>(4);
        for (String line : lines.get(language)) {
            StringBuilder b = new StringBuilder(line.length() + 8);
            int i = 0;
            while (i < line.length()) {
                int open = line.indexOf('{', i);
                if (open < 0) {
                    b.append(line, i, line.length());
                    break;
                }
                int close = line.indexOf('}', open);
                String name = line.substring(open + 1, close);
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalStateException(name() + " needs a value for {" + name + "}");
                }
                b.append(line, i, open).append(value);
                i = close + 1;
            }
            out.add(b.toString());
        }
        return out;
    }
}
