package org.creditgate.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.creditgate.config.DatabaseUrl;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar creditgate.jar verify-log --db-url postgresql://user:pass@host:port/db [--public-key FILE]...}:
 * checks the log chain of a database without a running gateway, over plain JDBC, and prints the result as the
 * JSON {@code GET /v1/audit/verify} answers. With {@code --public-key} (the {@code keys/checkpoint-ed25519.pub} of
 * each gateway instance, or the key they print), checkpoints must be signed by one of those keys; without, by the
 * key each checkpoint names.
 *
 * <p>Exit status: 0 the chain is intact, 1 it is not, 2 the arguments are wrong, 3 the database could not be read.
 */
public final class VerifyLogCommand {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int UNREADABLE = 3;

    private static final String USAGE = "usage: creditgate verify-log --db-url postgresql://user:pass@host:port/db"
            + " [--public-key FILE]...";

    private VerifyLogCommand() {
    }

    /** Runs the command on the arguments that follow {@code verify-log}; returns the exit status. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        DatabaseUrl url = null;
        List<byte[]> trustedKeys = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("--db-url") || arg.equals("--public-key")) && i + 1 >= args.size()) {
                return badArguments(err, arg + " needs a value");
            }
            try {
                switch (arg) {
                    case "--db-url" -> url = DatabaseUrl.parse(args.get(++i));
                    case "--public-key" -> trustedKeys.add(CheckpointSigner.parsePublicKey(
                            Files.readString(Path.of(args.get(++i)), StandardCharsets.US_ASCII)));
                    default -> {
                        return badArguments(err, "unknown argument '" + arg + "'");
                    }
                }
            } catch (IllegalArgumentException e) {
                return badArguments(err, args.get(i - 1) + " " + e.getMessage());
            } catch (IOException e) {
                return badArguments(err, "cannot read " + args.get(i) + ": " + e.getMessage());
            }
        }
        if (url == null) {
            return badArguments(err, "--db-url is required");
        }
        VerifyResult result;
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password())) {
            result = JdbcChainCheck.verify(connection, trustedKeys);
        } catch (SQLException e) {
            err.println("verify-log: cannot read the logs of " + url + ": " + e.getMessage());
            return UNREADABLE;
        }
        out.println(json(result.toMap()));
        out.flush();
        return result.ok() ? INTACT : BROKEN;
    }

    private static int badArguments(PrintStream err, String problem) {
        err.println("verify-log: " + problem);
        err.println(USAGE);
        return BAD_ARGUMENTS;
    }

    private static String json(Map<String, Object> map) {
        try {
            return new ObjectMapper().writeValueAsString(map);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values is always JSON", e);
        }
    }
}
