package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PrivacyGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"number", "msisdn", "phone", "dialled", "dialed", "called", "caller", "callee", "mac", "ip",
            "ip_address", "imei", "imsi", "iccid", "user_agent", "name", "MSISDN", "Phone", "Name",
            "caller_id", "phone_number", "phoneNumber", "client-mac", "client_ip", "dialledNumber", "IMEI_2", "USER_AGENT",
            "Ip_Address", "MAC", "peer_IP", "\u0130P", "\u0131p", "client_\u0131p"})
    void flagsKeysThatMayIdentifyAPerson(String key) {
        assertThat(PrivacyGuard.identifyingKey(key)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"interval_s", "metrics", "turbidity_ntu", "flow_lpm", "litres", "total_litres",
            "cartridge_litres", "sensor", "outbox_dropped", "charging", "ports_total", "ports_busy", "sessions", "wh",
            "faults", "calls", "placed", "answered", "seconds", "failed", "wifi", "clients", "mb_down", "mb_up", "power",
            "battery_v", "solar_w", "load_w", "shedding", "type", "result", "port", "reason", "part", "previous_litres",
            "online", "port_number", "sensor_name", "machine", "description", "zip", "ship", "shipped", "recipe",
            "firmware", "max", "min", "avg", "n", "mat", "i", "ipp", "phones", "nam", "\u0130"})
    void passesTheContractsKeys(String key) {
        assertThat(PrivacyGuard.identifyingKey(key)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+4915112345678", "015112345678", "+52 55 1234 5678", "55-1234-5678", "555.123.4567",
            "call to +509 3456 7890 failed", "1234567", "aa:bb:cc:dd:ee:ff", "AA-BB-CC-DD-EE-FF", "mac 3c:22:fb:01:02:03",
            "3c22.fb01.0203", "192.168.10.23", "10.0.0.1", "ip 8.8.8.8 blocked"})
    void flagsValuesShapedLikePhoneNumbersOrMacAddresses(String value) {
        assertThat(PrivacyGuard.identifyingValue(value)).isTrue();
    }

    @ParameterizedTest
    // Arabic-Indic, Extended Arabic-Indic (Persian, Urdu), Devanagari and fullwidth digits
    @ValueSource(strings = {"+\u0669\u0666\u0663\u0665\u0661\u0662\u0663\u0664\u0665\u0666",
            "\u06f0\u06f9\u06f1\u06f2 \u06f3\u06f4\u06f5 \u06f6\u06f7\u06f8\u06f9",
            "\u0966\u096f\u096e\u0967\u0968\u0969\u096a\u096b", "\uff0b\uff15\uff10\uff19 \uff13\uff14\uff15\uff16 \uff17\uff18\uff19\uff10",
            "+52 \u0665\u0665 1234 5678"})
    void flagsPhoneNumbersWrittenInTheDigitsOfAnyScript(String value) {
        assertThat(PrivacyGuard.identifyingValue(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-27T12:40:00.123Z", "2026-11-27T12:40:00Z", "2026-11-27", "2026-11-27T13:40:00+01:00",
            "fault:unplugged", "fault:no_response", "ok", "none", "answered", "la-gloria", "well-01", "kiosk-03",
            "123456", "12.5", "v0.1.0", "0.4.12-beta", "12:40:00", "turbidity_ntu", "adc-0x48", "2026-11-27 12:40", "1.2.3", "256.1.1.1", "1.2.3.4.5"})
    void passesOrdinaryValuesAndTimestamps(String value) {
        assertThat(PrivacyGuard.identifyingValue(value)).isFalse();
    }
}
