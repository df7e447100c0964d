package io.waypoint.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A config error message goes to the terminal and the journal: it names the key and what was
 * expected, never the value of a password, even a misspelt or repeated one.
 */
class SecretValueTest {
    private static final String PASSWORD = "Xq7-vL2pQ9zR4tY8wK3m";

    private static Settings of(String text) {
        return Settings.of(ConfigFile.parse("node.conf", text));
    }

    @Test
    void aMisspeltPasswordKeyIsNamedButItsValueHidden() {
        Settings s = of("[broker]\npasword = " + PASSWORD + "\n");
        s.optional("broker.password");
        assertThatThrownBy(s::rejectUnknownKeys).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("node.conf line 2: broker.pasword = (hidden: 20 characters): expected a known key")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aPasswordSetTwiceIsNamedButNeitherValueShown() {
        assertThatThrownBy(() -> ConfigFile.parse("node.conf", "[broker]\npassword = a" + PASSWORD + "\npassword = " + PASSWORD + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("password = (hidden: 20 characters): expected each key once")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aPasswordLineWithoutEqualsSignIsNotRepeated() {
        assertThatThrownBy(() -> ConfigFile.parse("node.conf", "[broker]\npassword: " + PASSWORD + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("expected a line of the form key = value")
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aPasswordOnTheCommandLineIsNotRepeated() {
        CommandLine cli = new CommandLine(Map.of("--broker", "broker.url"));
        assertThatThrownBy(() -> cli.parse("--password=" + PASSWORD))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining(PASSWORD);
    }

    @Test
    void aUrlWithALoginInItIsNamedButHidden() {
        for (String url : new String[] {"postgresql://gw:" + PASSWORD + "@db/waypoint", "postgresql://db/waypoint?user=gw&password=" + PASSWORD}) {
            Settings s = of("[store]\nurl = " + url + "\n");
            s.optional("store.url");
            assertThatThrownBy(() -> {
                throw s.invalid("store.url", "a url without a login");
            }).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("node.conf line 2: store.url = (hidden: " + url.length() + " characters, a url with a login in it)")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void otherValuesAreStillShownAsTyped() {
        Settings s = of("[broker]\nurl = tcp://gw:1883\nusername = well-01\nuser_name = well-01\n");
        s.optional("broker.url");
        s.optional("broker.username");
        assertThatThrownBy(s::rejectUnknownKeys).hasMessageStartingWith("node.conf line 4: broker.user_name = 'well-01'");
    }

    @Test
    void aLoginInAUrlIsFoundWhereverItIsAndALineOfColonsIsCheckedAtOnce() {
        assertThat(ConfigException.carriesLogin("postgresql://gw:" + PASSWORD + "@db.local:5432/waypoint")).isTrue();
        assertThat(ConfigException.carriesLogin("see tcp://a/b then ssl://user:pw@host")).isTrue();
        assertThat(ConfigException.carriesLogin("jdbc:postgresql://db.local:5432/waypoint?password=" + PASSWORD)).isTrue();
        assertThat(ConfigException.carriesLogin("ssl://gw.local:8883")).isFalse();
        assertThat(ConfigException.carriesLogin("tcp://host:1883/x@y")).as("an @ after the path is no login").isFalse();
        // found by the config fuzz target: a regex backtracked for seconds on this
        assertThat(ConfigException.carriesLogin("ssl://gw.loc" + ":".repeat(29_000))).isFalse();
        assertThat(ConfigException.carriesLogin("://".repeat(10_000) + "a:b@c")).isTrue();
    }
}
