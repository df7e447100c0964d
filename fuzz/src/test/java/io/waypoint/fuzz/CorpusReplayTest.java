package io.waypoint.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every input of the regression corpus ({@code corpus/<target>/*}: inputs that broke a parser, and
 * edges worth keeping) runs through its target again, each under a deadline: no exception, no hang.
 */
@Order(1)
class CorpusReplayTest {
    private static final Map<String, FuzzTarget> TARGETS = TargetCatalog.all().stream()
            .collect(Collectors.toMap(FuzzTarget::name, Function.identity()));

    static Path corpus() throws URISyntaxException {
        return Path.of(CorpusReplayTest.class.getResource("/corpus").toURI());
    }

    static Stream<String> inputs() throws IOException, URISyntaxException {
        Path root = corpus();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void replays(String file) throws Exception {
        String target = Path.of(file).getName(0).toString();
        assertThat(TARGETS).as("a corpus directory names a target").containsKey(target);
        byte[] input = Files.readAllBytes(corpus().resolve(file));
        Outcome outcome = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> TARGETS.get(target).run(input),
                () -> file + " ran past 5 s");
        assertThat(outcome).isNotNull();
    }

    @Test
    void everyTargetHasARegressionInputOrAnEdge() throws Exception {
        List<String> dirs;
        try (Stream<Path> d = Files.list(corpus())) {
            dirs = d.map(p -> p.getFileName().toString()).toList();
        }
        assertThat(dirs).containsExactlyInAnyOrderElementsOf(TargetCatalog.names());
    }
}
