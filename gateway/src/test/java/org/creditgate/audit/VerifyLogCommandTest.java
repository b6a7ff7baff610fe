package org.creditgate.audit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("verify-log arguments and failures")
class VerifyLogCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<String> args) {
        return VerifyLogCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                Arguments.of(List.of(), "--db-url is required"),
                Arguments.of(List.of("--db-url"), "--db-url needs a value"),
                Arguments.of(List.of("--db-url", "mysql://x/y"), "--db-url must start with postgresql://"),
                Arguments.of(List.of("--db-url", "postgresql://h/db", "--verbose"), "unknown argument '--verbose'"),
                Arguments.of(List.of("--db-url", "postgresql://h/db", "--public-key", "/no/such/file.pub"),
                        "cannot read /no/such/file.pub"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badArguments")
    @DisplayName("bad arguments exit 2 with the problem and the usage on stderr, nothing on stdout")
    void badArguments(List<String> args, String problem) {
        assertThat(run(args)).isEqualTo(VerifyLogCommand.BAD_ARGUMENTS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(problem).contains("usage: creditgate verify-log");
        assertThat(out.size()).isZero();
    }

    @Test
    @DisplayName("a database that cannot be reached exits 3, not 1: nothing was found broken")
    void unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(run(List.of("--db-url", "postgresql://postgres:secret@127.0.0.1:" + port + "/creditgate")))
                .isEqualTo(VerifyLogCommand.UNREADABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read the logs of")
                .doesNotContain("secret");
        assertThat(out.size()).isZero();
    }
}
