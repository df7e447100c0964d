package io.waypoint.well;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.waypoint.config.Settings;
import io.waypoint.node.NodeLink;
import io.waypoint.node.NodeLinkOptions;
import io.waypoint.sim.site.WellSite;
import io.waypoint.storage.FileDamage;
import io.waypoint.time.Scheduler;
import io.waypoint.wire.NodeRef;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every state file of a well node damaged at once (garbage, truncated): the node still starts on
 * hal-sim, samples and drives its light, keeps what could be read, and sets each file aside
 * (never deleted) with a report naming it, what was kept and what to do.
 */
class WellStateFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWhoseStateFilesAreAllDamagedStartsKeepsWhatItCanAndReportsEachOne() throws Exception {
        byte[] garbage = new byte[3000];
        new Random(5).nextBytes(garbage);
        Files.write(dir.resolve("turbidity-calibration"), garbage);
        Files.writeString(dir.resolve("flow-k-factor"), "four hundred and fifty\n");
        Files.write(dir.resolve("flow-total"), new byte[1000]); // truncated: a quarter of its 4 KiB, all zeros
        Files.write(dir.resolve("cartridge"), garbage);

        String node = "well-d" + Math.abs(System.nanoTime() % 1000);
        WellNodeConfig c = WellNodeConfig.from(Settings.empty()
                .override("site", "la-gloria").override("node", node)
                .override("broker.url", "tcp://127.0.0.1:1")
                .override("data.dir", dir.toString())
                .override("hal.mode", "sim").override("sim.scenario", "normal-day").override("sim.speed", "600"));
        WellHardware hw = WellHardware.open(c);
        WellSite site = WellSite.byId(node).orElseThrow();
        Scheduler network = Scheduler.system("test-network");
        NodeLink link = NodeLink.open(NodeLinkOptions.of(new NodeRef("la-gloria", node), dir, URI.create("tcp://127.0.0.1:1")), network);
        WellNode well = new WellNode(c, hw, link);
        try {
            List<FileDamage> damage = hw.damage;
            assertThat(damage).extracting(FileDamage::part).containsExactly("turbidity calibration", "flow K-factor", "flow total");
            for (FileDamage d : damage) {
                assertThat(d.keptAside()).as("%s kept aside", d.part()).exists().isNotEqualTo(d.file());
                assertThat(d.keptAside().getFileName().toString()).startsWith(d.file().getFileName() + ".corrupt-");
                assertThat(d.logLine()).contains(d.file().toString()).contains("kept").contains(d.whatToDo());
            }
            assertThat(Files.readAllBytes(damage.get(0).keptAside())).isEqualTo(garbage);
            assertThat(damage.get(2).kept()).contains("counts from 0 L");
            assertThat(Files.size(dir.resolve("flow-total"))).as("a good flow total file in its place").isEqualTo(4096);

            long heldBefore = link.stats().held();
            well.start();
            // four reports (the three files and the cartridge record), held for the gateway though no broker is there
            assertThat(link.stats().held() - heldBefore).isGreaterThanOrEqualTo(4);
            try (var files = Files.list(dir)) {
                assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains(".corrupt-"))).hasSize(4);
            }
            // and the node works: it samples, so the light is judged
            await().atMost(Duration.ofSeconds(30)).until(() -> !well.reading().equals("no reading yet"));
            assertThat(well.status()).contains("storage:   ok");
        } finally {
            well.close();
            hw.close();
            link.close();
            network.close();
            site.close();
        }
    }
}
