package io.waypoint.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeRefTest {

    @Test
    void acceptsLowerCaseIdsWithDigitsAndDashesUpTo32Characters() {
        NodeRef ref = new NodeRef("la-gloria", "0" + "a".repeat(30) + "9");
        assertThat(ref.node()).hasSize(32);
        assertThat(NodeRef.problems("la-gloria", "well-01")).isEmpty();
        assertThat(new NodeRef("la-gloria", "well-01")).hasToString("la-gloria/well-01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Well-01", "-well", "well_01", "well 01", "well/01", "well+", "well#", "wéll",
            "abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"})
    void rejectsInvalidNodeIdNamingTheValue(String node) {
        assertThatThrownBy(() -> new NodeRef("la-gloria", node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node '" + node);
        assertThat(NodeRef.problems("la-gloria", node)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alerts", "gateway"})
    void rejectsReservedNodeNames(String node) {
        assertThatThrownBy(() -> new NodeRef("la-gloria", node)).hasMessageContaining("'" + node + "' is reserved");
    }

    @Test
    void rejectsSiteStartingWithUnderscoreAsReserved() {
        assertThat(NodeRef.problems("_gateway", "well-01")).containsExactly(
                "site '_gateway' is reserved: names starting with '_' belong to the gateway");
    }

    @Test
    void listsEveryProblemWithoutThrowing() {
        assertThat(NodeRef.problems(null, "Bad")).containsExactly("site is missing",
                "node 'Bad' is not a valid id: expected " + Ids.ID_SHAPE);
        assertThat(NodeRef.problems("x", null)).containsExactly("node is missing");
    }
}
