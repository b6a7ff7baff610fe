package org.creditgate.audit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Signs the head of the log chain at start and then every interval, when it moved since the last checkpoint (by
 * any instance: one checkpoint per position is enough). A failed attempt is logged and retried at the next tick.
 */
public final class CheckpointWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointWriter.class);

    private final Vertx vertx;
    private final ChainQueries chain;
    private final CheckpointSigner signer;
    private final Duration interval;
    private final Clock clock;

    public CheckpointWriter(Vertx vertx, ChainQueries chain, CheckpointSigner signer, Duration interval,
                            Clock clock) {
        this.vertx = vertx;
        this.chain = chain;
        this.signer = signer;
        this.interval = interval;
        this.clock = clock;
    }

    /** Writes the first checkpoint now and schedules the others; stops with Vert.x. */
    public void start() {
        writeLogged();
        vertx.setPeriodic(Math.max(1, interval.toMillis()), ignored -> writeLogged());
    }

    /** Signs and stores the current head, unless it is empty or already vouched for. */
    public Future<Optional<Checkpoint>> writeNow() {
        return chain.head().compose(head -> {
            if (head.seq() == 0) {
                return Future.succeededFuture(Optional.empty());
            }
            return chain.lastCheckpointSeq().compose(last -> {
                if (last >= head.seq()) {
                    return Future.succeededFuture(Optional.<Checkpoint>empty());
                }
                Checkpoint checkpoint = signer.sign(head.seq(), head.hash(), clock.instant());
                return chain.insert(checkpoint).map(Optional.of(checkpoint));
            });
        });
    }

    private void writeLogged() {
        writeNow().onSuccess(written -> written.ifPresent(checkpoint -> LOG.info("log chain checkpoint signed",
                        kv("seq", checkpoint.seq()), kv("head", Hashes.hex(checkpoint.headHash())))))
                .onFailure(e -> LOG.warn("cannot write a log chain checkpoint; retrying at the next one",
                        kv("error", e.getMessage())));
    }
}
