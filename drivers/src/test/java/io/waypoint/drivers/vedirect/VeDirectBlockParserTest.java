package io.waypoint.drivers.vedirect;

import static io.waypoint.drivers.vedirect.TextBlocks.ascii;
import static io.waypoint.drivers.vedirect.TextBlocks.block;
import static io.waypoint.drivers.vedirect.TextBlocks.concat;
import static io.waypoint.drivers.vedirect.TextBlocks.mppt;
import static io.waypoint.drivers.vedirect.TextBlocks.specExample;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VeDirectBlockParserTest {
    private final VeDirectBlockParser parser = new VeDirectBlockParser();

    /** Starts the parser as a reader that has listened for a while: past its first checksum line. */
    private VeDirectBlockParser synced() {
        assertThat(parser.feed(mppt())).hasSize(1);
        return parser;
    }

    private List<VeDirectReading> feedByteByByte(byte[] bytes) {
        List<VeDirectReading> out = new ArrayList<>();
        for (byte b : bytes) {
            out.addAll(parser.feed(new byte[] {b}));
        }
        return out;
    }

    @Test
    void readsTheSpecExampleWithItsChecksum() {
        List<VeDirectReading> readings = parser.feed(specExample());
        assertThat(readings).hasSize(1);
        VeDirectReading r = readings.get(0);
        assertThat(r.fields()).containsExactly(
                java.util.Map.entry("PID", "0x203"), java.util.Map.entry("V", "26201"), java.util.Map.entry("I", "0"),
                java.util.Map.entry("P", "0"), java.util.Map.entry("CE", "0"), java.util.Map.entry("SOC", "1000"),
                java.util.Map.entry("TTG", "-1"), java.util.Map.entry("Alarm", "OFF"),
                java.util.Map.entry("Relay", "OFF"), java.util.Map.entry("AR", "0"),
                java.util.Map.entry("BMV", "700"), java.util.Map.entry("FW", "0307"));
        assertThat(r.batteryMillivolts()).hasValue(26201);
        assertThat(r.batteryMilliamps()).hasValue(0);
        assertThat(parser.stats().blocks()).isEqualTo(1);
    }

    @Test
    void theSpecExampleWithAnyOtherChecksumByteIsDropped() {
        synced();
        byte[] block = specExample();
        for (int wrong = 0; wrong < 256; wrong++) {
            if (wrong == 0xD8) {
                continue;
            }
            block[block.length - 1] = (byte) wrong;
            assertThat(parser.feed(block)).as("checksum byte 0x%02X", wrong).isEmpty();
        }
        assertThat(parser.stats().badChecksum()).isEqualTo(255);
        // and the parser is still in step: the next good block reads
        assertThat(parser.feed(specExample())).hasSize(1);
    }

    @Test
    void readsAChargeControllerBlockIntoTypedFields() {
        VeDirectReading r = parser.feed(mppt()).get(0);
        assertThat(r.batteryMillivolts()).hasValue(12540);
        assertThat(r.batteryMilliamps()).hasValue(40);
        assertThat(r.panelMillivolts()).hasValue(18540);
        assertThat(r.panelWatts()).hasValue(5);
        assertThat(r.chargeState()).hasValue(ChargeState.BULK);
        assertThat(r.errorCode()).hasValue(0);
        assertThat(r.loadOn()).hasValue(true);
        assertThat(r.loadMilliamps()).hasValue(300);
        assertThat(r.yieldTodayWh()).hasValue(120);
        assertThat(r.productId()).hasValue("0xA075");
        assertThat(r.fields()).containsEntry("SER#", "HQ2210ABCDE").containsEntry("HSDS", "17");
    }

    @Test
    void blocksSplitAnywhereReadTheSame() {
        byte[] two = concat(mppt(), specExample());
        assertThat(feedByteByByte(two)).extracting(r -> r.fields().get("PID")).containsExactly("0xA075", "0x203");
        for (int cut = 1; cut < two.length; cut++) {
            VeDirectBlockParser p = new VeDirectBlockParser();
            List<VeDirectReading> got = new ArrayList<>(p.feed(Arrays.copyOfRange(two, 0, cut)));
            got.addAll(p.feed(Arrays.copyOfRange(two, cut, two.length)));
            assertThat(got).as("split at %d", cut).hasSize(2);
        }
    }

    @Test
    void aChecksumByteThatIsALineBreakOrColonIsJustTheChecksum() {
        // the value of one field is chosen so that the checksum byte comes out as each awkward byte
        for (int wanted : new int[] {'\r', '\n', ':', '\t'}) {
            byte[] block = null;
            for (int v = 0; v < 93 * 93 * 93 && block == null; v++) {
                String filler = "" + printable(v % 93) + printable(v / 93 % 93) + printable(v / 93 / 93);
                byte[] candidate = block("V", "12800", "SER#", filler, "CS", "5");
                if ((candidate[candidate.length - 1] & 0xFF) == wanted) {
                    block = candidate;
                }
            }
            assertThat(block).as("a block ending in 0x%02X", wanted).isNotNull();
            VeDirectBlockParser p = new VeDirectBlockParser();
            assertThat(p.feed(concat(block, mppt()))).as("checksum 0x%02X", wanted).hasSize(2);
        }
    }

    @Test
    void unknownLabelsAreKeptAndDoNotStopAReading() {
        VeDirectReading r = parser.feed(block("V", "12800", "XYZ", "what", "MON", "-9")).get(0);
        assertThat(r.batteryMillivolts()).hasValue(12800);
        assertThat(r.fields()).containsEntry("XYZ", "what").containsEntry("MON", "-9");
    }

    @Test
    void aValueThatIsNoNumberReadsAsAbsent() {
        VeDirectReading r = parser.feed(block("V", "---", "I", "12x", "CS", "3")).get(0);
        assertThat(r.batteryMillivolts()).isEmpty();
        assertThat(r.batteryMilliamps()).isEmpty();
        assertThat(r.chargeState()).hasValue(ChargeState.BULK);
    }

    @Test
    void hexFramesBetweenBlocksAreSkipped() {
        synced();
        byte[] hex = ascii(":A0102000543\n");
        List<VeDirectReading> got = parser.feed(concat(hex, specExample(), hex, hex, mppt()));
        assertThat(got).hasSize(2);
        assertThat(parser.stats().hexFrames()).isEqualTo(3);
        assertThat(parser.stats().badChecksum()).isZero();
    }

    @Test
    void aHexFrameBetweenTheLinesOfABlockIsNotPartOfItsChecksum() {
        synced();
        byte[] block = mppt();
        int afterThirdLine = indexOfNth(block, '\n', 4) - 1; // just before the "\r\n" of the fourth line
        byte[] withHex = concat(Arrays.copyOfRange(block, 0, afterThirdLine), ascii(":AD7ED00400008\n"),
                Arrays.copyOfRange(block, afterThirdLine, block.length));
        List<VeDirectReading> got = parser.feed(withHex);
        assertThat(got).hasSize(1);
        assertThat(got.get(0).batteryMillivolts()).hasValue(12540);
        assertThat(parser.stats().hexFrames()).isEqualTo(1);
    }

    @Test
    void garbageBetweenBlocksCostsNoBlock() {
        synced();
        byte[] garbage = {(byte) 0xFF, 0x00, 0x13, 'x', '\t', 'y', (byte) 0x80};
        List<VeDirectReading> got = parser.feed(concat(garbage, mppt(), garbage, ascii("\r\nnoise\r\n"), mppt()));
        assertThat(got).hasSize(2);
        assertThat(parser.stats().badChecksum()).isZero();
        assertThat(parser.stats().cutBlocks()).isZero();
        assertThat(parser.stats().noiseBytes()).isPositive();
    }

    @Test
    void garbageInsideABlockDropsThatBlockOnly() {
        synced();
        byte[] block = mppt();
        byte[] spoiled = block.clone();
        spoiled[20] ^= 0x01;
        List<VeDirectReading> got = parser.feed(concat(spoiled, mppt()));
        assertThat(got).hasSize(1);
        assertThat(parser.stats().badChecksum() + parser.stats().cutBlocks()).isEqualTo(1);
    }

    @Test
    void aBlockCutShortIsDroppedAndTheNextOneReads() {
        synced();
        byte[] block = mppt();
        byte[] firstHalf = Arrays.copyOfRange(block, 0, block.length / 2);
        List<VeDirectReading> got = parser.feed(concat(firstHalf, mppt()));
        assertThat(got).hasSize(1);
        assertThat(got.get(0).loadMilliamps()).hasValue(300);
        assertThat(parser.stats().cutBlocks()).isEqualTo(1);
        assertThat(parser.stats().badChecksum()).isZero();
    }

    @Test
    void aBlockCutMidValueIsDroppedAndTheNextOneReads() {
        synced();
        byte[] block = mppt();
        int midValue = indexOfNth(block, '\t', 4) + 2;
        List<VeDirectReading> got = parser.feed(concat(Arrays.copyOfRange(block, 0, midValue), mppt()));
        assertThat(got).hasSize(1);
        assertThat(parser.stats().blocks()).isEqualTo(2);
    }

    @Test
    void aBlockCutShortThenSilentIsGivenUpWhenTheLineGoesQuiet() {
        synced();
        byte[] block = mppt();
        assertThat(parser.feed(Arrays.copyOfRange(block, 0, 60))).isEmpty();
        assertThat(parser.inBlock()).isTrue();
        parser.lineWentQuiet();
        assertThat(parser.inBlock()).isFalse();
        assertThat(parser.stats().cutBlocks()).isEqualTo(1);
        // a new block that happens to start with labels of the lost one reads whole
        assertThat(parser.feed(specExample())).hasSize(1);
    }

    @Test
    void theTailOfABlockHeardBeforeTheFirstChecksumIsNoFault() {
        byte[] block = mppt();
        List<VeDirectReading> got = parser.feed(concat(Arrays.copyOfRange(block, 40, block.length), mppt()));
        assertThat(got).hasSize(1);
        assertThat(parser.stats().badChecksum()).isZero();
        assertThat(parser.stats().cutBlocks()).isZero();
    }

    @Test
    void anEndlessLineWithoutBreaksIsNoBlockAndDoesNotGrow() {
        synced();
        byte[] endless = new byte[100_000];
        Arrays.fill(endless, (byte) 'A');
        endless[0] = '\r';
        endless[1] = '\n';
        assertThat(parser.feed(endless)).isEmpty();
        assertThat(parser.feed(mppt())).hasSize(1);
    }

    @Test
    void aStrayColonInNoiseDoesNotSwallowTheNextBlocks() {
        synced();
        byte[] noise = new byte[300];
        Arrays.fill(noise, (byte) 'z');
        noise[0] = ':';
        // a ':' starts a hex frame; one without its '\n' is given up after MAX_HEX_FRAME bytes
        assertThat(parser.feed(concat(noise, mppt()))).hasSize(1);
    }

    @Test
    void junkNeverThrowsAndTheParserRecovers() {
        Random random = new Random(20250301);
        byte[] alphabet = ascii("\r\n\t:VICSPH0123456789Checksum");
        for (int round = 0; round < 2_000; round++) {
            byte[] junk = new byte[random.nextInt(400)];
            for (int i = 0; i < junk.length; i++) {
                junk[i] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
            }
            parser.feed(junk);
            // whatever the junk left behind, a quiet line and a good block read
            parser.lineWentQuiet();
            assertThat(parser.feed(mppt())).as("round %d", round).hasSize(1);
        }
    }

    @Test
    void mutatedBlocksAreNeverReadWithWrongValues() {
        // a single changed byte can never give a reading with the same checksum: every reading that
        // does come out of a mutated stream must equal one of the blocks that was sent
        Random random = new Random(7);
        byte[] good = mppt();
        for (int round = 0; round < 2_000; round++) {
            byte[] mutated = good.clone();
            int at = random.nextInt(mutated.length);
            mutated[at] = (byte) (mutated[at] + 1 + random.nextInt(255));
            for (VeDirectReading r : parser.feed(concat(mutated, good))) {
                assertThat(r.fields()).isEqualTo(new VeDirectBlockParser().feed(good).get(0).fields());
            }
        }
    }

    /** The n-th printable character other than ':' (which would start a hex frame). */
    private static char printable(int n) {
        char c = (char) ('!' + n);
        return c >= ':' ? (char) (c + 1) : c;
    }

    private static int indexOfNth(byte[] bytes, char c, int n) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == c && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("fewer than " + n + " of " + c);
    }
}
