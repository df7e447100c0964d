package io.waypoint.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.waypoint.gateway.GatewayMain;
import io.waypoint.testkit.JavaProcess;
import io.waypoint.well.SensorNodeMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad arguments or a bad config file: exit code 2 and one line naming the file, key, value and expectation. */
class EntryPointTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, List<String> lines) {}

    private Outcome run(Class<?> main, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = JavaProcess.start(main, out, List.of(), args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        return new Outcome(p.exitValue(), Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList());
    }

    @Test
    void aBadBrokerAddressOnTheCommandLine() throws Exception {
        Outcome o = run(GatewayMain.class, "--broker", "localhost:1883");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).containsExactly(
                "gateway: command line: broker.url = 'localhost:1883': expected a broker address like tcp://localhost:1883 or ssl://host:8883");
    }

    @Test
    void aMissingConfigFile() throws Exception {
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", dir.resolve("nope.conf").toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString().contains("nope.conf").contains("does not exist");
    }

    @Test
    void anUnknownKeyInTheConfigFile() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[stats]\ninterval = 10s\nintervall = 5s\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString()
                .startsWith("gateway: " + conf + " line 3: stats.intervall = '5s': expected a known key");
    }

    @Test
    void anOutOfRangeValueInTheConfigFile() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[alerts]\ntick = 2h\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).containsExactly("gateway: " + conf + " line 2: alerts.tick = '2h': "
                + "expected a duration like 30s, 5m, 2h or 7d, from 100ms to 5min");
    }

    @Test
    void aSharedGroupWithoutASharedStore() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[broker]\nshared_group = gateways\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString().startsWith("gateway: " + conf + " line 2: broker.shared_group = 'gateways': "
                + "expected a group only with a store its gateways share: set store.url");
    }

    @Test
    void aStoreUrlThatIsNotPostgresqlOrCarriesTheLogin() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[store]\nurl = postgresql://waypoint:hunter2@db/waypoint\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString().startsWith("gateway: " + conf + " line 2: store.url = ")
                .contains("expected a PostgreSQL database like postgresql://db.example:5432/waypoint (the login goes in store.user")
                .doesNotContain("hunter2");
        Files.writeString(conf, "[store]\nurl = postgresql://db/waypoint?user=gw&password=hunter2\n");
        o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString().contains("store.url").contains("the login goes in store.user")
                .doesNotContain("hunter2");
    }

    @Test
    void anUnreachableStoreStopsTheGatewayNamingItButNeverThePassword() throws Exception {
        Path conf = dir.resolve("gateway.conf");
        String url = "postgresql://127.0.0.1:" + io.waypoint.testkit.FreePorts.next() + "/waypoint";
        Files.writeString(conf, "[store]\nurl = " + url + "\nuser = gw\npassword = hunter2-secret\n[data]\ndir = " + dir.resolve("d") + "\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.lines()).anyMatch(l -> l.contains("cannot open the gateway database " + url + " as gw")
                && l.contains("check store.url, store.user and store.password"));
        assertThat(String.join("\n", o.lines())).doesNotContain("hunter2-secret");
        assertThat(Files.readString(dir.resolve("d").resolve("logs").resolve("gateway.log"))).doesNotContain("hunter2-secret");
    }

    @Test
    void aBadRulesFileStopsTheGatewayNamingTheRule() throws Exception {
        Path rules = dir.resolve("rules.conf");
        Files.writeString(rules, "[rule turbidity_unsafe]\nkind = threshold\nmetric = turbidity_ntu.avg\nabove = five\n");
        Path conf = dir.resolve("gateway.conf");
        Files.writeString(conf, "[rules]\nfile = " + rules + "\n[data]\ndir = " + dir.resolve("data") + "\n");
        Outcome o = run(GatewayMain.class, "--broker", "tcp://127.0.0.1:1", "--config", conf.toString());
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).anyMatch(l -> l.startsWith("gateway: " + rules + " line 4: above = 'five'"));
    }

    @Test
    void aWellNodeWithAnUnknownHalMode() throws Exception {
        Outcome o = run(SensorNodeMain.class, "--broker", "tcp://127.0.0.1:1", "--site", "s", "--node", "n", "--hal", "raspberry");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).containsExactly("sensor-node: command line: hal.mode = 'raspberry': expected one of board, sim");
    }

    @Test
    void onAMachineWithoutI2cABoardNodeSaysWhatToEnableAndNeverFallsBackToTheSimulator() throws Exception {
        Outcome o = run(SensorNodeMain.class, "--broker", "tcp://127.0.0.1:1", "--site", "s", "--node", "n", "--hal", "board",
                "--data", dir.resolve("board").toString());
        assertThat(o.exit()).isEqualTo(1);
        assertThat(o.lines()).anyMatch(l -> l.startsWith("sensor-node: ADS1115 at I2C bus 1 address 0x48 cannot be opened")
                && l.contains("enable I2C"));
        assertThat(o.lines()).noneMatch(l -> l.contains("hal-sim"));
    }

    @Test
    void aNodeWithoutASite() throws Exception {
        Outcome o = run(SensorNodeMain.class, "--broker", "tcp://127.0.0.1:1", "--node", "well-01");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.lines()).singleElement().asString().contains("site = (missing)");
    }
}
