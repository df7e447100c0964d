package io.waypoint.drivers.opennds;

import static io.waypoint.drivers.opennds.NdsctlOutputs.IP_A;
import static io.waypoint.drivers.opennds.NdsctlOutputs.MAC_A;
import static io.waypoint.drivers.opennds.NdsctlOutputs.MAC_B;
import static io.waypoint.drivers.opennds.NdsctlOutputs.TOKEN_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ClientListJsonTest {

    @Test
    void readsOpenNds10sClientList() throws Exception {
        List<NdsClient> clients = ClientListJson.parse(NdsctlOutputs.OPENNDS_10_TWO_CLIENTS);
        assertThat(clients).containsExactly(
                new NdsClient(MAC_A, IP_A, TOKEN_A, "Authenticated", 1691112539L, OptionalLong.empty(), 244223, 7023),
                new NdsClient(MAC_B, NdsctlOutputs.IP_B, "bace32b1", "Preauthenticated", 0, OptionalLong.empty(), 0, 0));
    }

    @Test
    void anEmptyListWithTrustedMacsHasNoClients() throws Exception {
        assertThat(ClientListJson.parse(NdsctlOutputs.OPENNDS_10_NO_CLIENTS_TRUSTED)).isEmpty();
    }

    @Test
    void readsTheOneClientForm() throws Exception {
        assertThat(ClientListJson.parse(NdsctlOutputs.OPENNDS_10_ONE_CLIENT)).extracting(NdsClient::mac)
                .containsExactly(MAC_B);
        assertThat(ClientListJson.parse("{}\n")).isEmpty();
    }

    @Test
    void readsTheOlderShapeWithBareNumbers() throws Exception {
        NdsClient c = ClientListJson.parse(NdsctlOutputs.OLD_SHAPE).get(0);
        assertThat(c.mac()).isEqualTo(MAC_A);
        assertThat(c.state()).isEqualTo("Authenticated");
        assertThat(c.kbDown()).isEqualTo(3085);
        assertThat(c.kbUp()).isEqualTo(334);
        assertThat(c.duration()).hasValue(355);
        assertThat(c.sessionStart()).isZero();
    }

    @Test
    void missingValuesAreTheStringNullAndReadAsNothing() throws Exception {
        NdsClient c = ClientListJson.parse("{\"clients\":{\"k\":{\"mac\":\"null\",\"ip\":\"null\",\"token\":\"none\","
                + "\"state\":\"null\",\"session_start\":\"null\",\"download_this_session\":\"null\","
                + "\"upload_this_session\":\"-5\"}}}").get(0);
        assertThat(c.mac()).as("falls back to the key").isEqualTo("k");
        assertThat(c.ip()).isEmpty();
        assertThat(c.token()).isEmpty();
        assertThat(c.state()).isEmpty();
        assertThat(c.sessionStart()).isZero();
        assertThat(c.kbDown()).isZero();
        assertThat(c.kbUp()).isZero();
    }

    @Test
    void entriesThatAreNoObjectsAreSkipped() throws Exception {
        assertThat(ClientListJson.parse("{\"clients\":{\"a\":\"x\",\"b\":[\"y\"],\"c\":{\"mac\":\"m\"}}}"))
                .extracting(NdsClient::mac).containsExactly("m");
    }

    @Test
    void anArrayOrAClientsFieldThatIsNoObjectIsMalformed() {
        assertThatThrownBy(() -> ClientListJson.parse("[\"a\"]")).isInstanceOf(JsonReader.Malformed.class);
        assertThatThrownBy(() -> ClientListJson.parse("{\"clients\":[\"a\"]}")).isInstanceOf(JsonReader.Malformed.class);
    }

    @Test
    void aClientsDescriptionLeavesItsIdentifiersOut() throws Exception {
        for (NdsClient c : ClientListJson.parse(NdsctlOutputs.OPENNDS_10_TWO_CLIENTS)) {
            assertThat(c.toString()).doesNotContain(c.mac()).doesNotContain(c.ip()).doesNotContain("a3f4112d");
        }
    }
}
