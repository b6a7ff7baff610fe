package org.creditgate.collect;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.http.HttpServerRequest;
import org.creditgate.audit.CollectionEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * One streaming submission. The body is split into lines and validated as it arrives; valid records gather into
 * batches. While one batch is written the next one fills; when that one is full too, the request is paused
 * (backpressure), so a body of any size runs in the memory of two batches plus one line. A batch is full at
 * {@code batch_size} records or at {@code batch_max_bytes} of record lines, whichever comes first: large records
 * (a line may be up to {@code max_line_bytes}) must not multiply that memory by the record count. Records count as
 * accepted only once their batch has committed.
 *
 * <p>Runs on the request's event loop; no state is shared with other requests.
 */
public final class SubmissionSession implements NdjsonLineSplitter.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SubmissionSession.class);
    public static final String CHANNEL = "api";

    private final HttpServerRequest request;
    private final RecordValidator validator;
    private final RecordStore store;
    private final CollectionMetrics metrics;
    private final String provider;
    private final String category;
    private final int batchSize;
    private final long batchMaxBytes;
    private final int maxErrorsListed;
    private final int maxLineBytes;
    private final NdjsonLineSplitter splitter;
    private final UUID submissionId = UUID.randomUUID();
    private final OffsetDateTime startedAt = OffsetDateTime.now();
    private final Promise<SubmissionResult> result = Promise.promise();

    private List<PendingRecord> batch;
    /** Bytes of the lines of the records in {@link #batch}. */
    private long batchBytes;
    private long received;
    private long accepted;
    private long rejected;
    private final Map<ErrorCode, Long> rejectedByCode = new EnumMap<>(ErrorCode.class);
    private final List<RecordError> errors = new ArrayList<>();
    private boolean errorsTruncated;
    private boolean writing;
    private boolean bodyEnded;
    private boolean broken;
    private boolean finished;

    public SubmissionSession(HttpServerRequest request, RecordValidator validator, RecordStore store,
                             CollectionMetrics metrics, String provider, SubmissionLimits limits) {
        this.request = request;
        this.validator = validator;
        this.store = store;
        this.metrics = metrics;
        this.provider = provider;
        this.category = validator.category().id();
        this.batchSize = limits.batchSize();
        this.batchMaxBytes = limits.batchMaxBytes();
        this.maxErrorsListed = limits.maxErrorsListed();
        this.maxLineBytes = limits.maxLineBytes();
        this.splitter = new NdjsonLineSplitter(maxLineBytes, this);
        // not sized to batch_size: most submissions are far smaller, and batch_max_bytes may end a batch early
        this.batch = new ArrayList<>();
    }

    /** Starts reading the body; completes when every record is committed or refused and the log entry written. */
    public Future<SubmissionResult> run() {
        request.handler(this::onChunk);
        request.endHandler(ignored -> onBodyEnd());
        request.exceptionHandler(this::onBroken);
        request.connection().closeHandler(ignored -> onBroken(null));
        request.resume();
        return result.future();
    }

    private void onChunk(Buffer chunk) {
        if (finished || broken) {
            return;
        }
        // the request's chunks are heap buffers: read them in place rather than copy each one (a tenth of the
        // allocation on this path); Vert.x exposes the backing buffer only through its internal interface
        ByteBuf bytes = chunk instanceof BufferInternal internal ? internal.getByteBuf() : null;
        if (bytes != null && bytes.hasArray()) {
            splitter.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), bytes.readableBytes());
        } else {
            byte[] copy = chunk.getBytes();
            splitter.feed(copy, 0, copy.length);
        }
        if (batchFull()) {
            if (writing) {
                // a full batch waits for the one in flight: stop reading until that one has committed
                request.pause();
            } else {
                writeBatch();
            }
        }
    }

    @Override
    public void onLine(long lineNumber, byte[] buf, int off, int len) {
        received++;
        RecordOutcome outcome = validator.validate(buf, off, len, lineNumber);
        if (outcome instanceof ValidRecord record) {
            batch.add(new PendingRecord(lineNumber, record));
            batchBytes += len;
        } else {
            reject((RecordError) outcome);
        }
    }

    @Override
    public void onOversizedLine(long lineNumber) {
        received++;
        reject(RecordError.recordTooLarge(lineNumber, maxLineBytes));
    }

    private boolean batchFull() {
        return batch.size() >= batchSize || batchBytes >= batchMaxBytes;
    }

    private void reject(RecordError error) {
        rejected++;
        rejectedByCode.merge(error.code(), 1L, Long::sum);
        if (errors.size() < maxErrorsListed) {
            errors.add(error);
        } else {
            errorsTruncated = true;
        }
    }

    /**
     * Writes the full batch while the body goes on being read and validated into the next one: parsing and the
     * database work overlap, and at most two batches are held.
     */
    private void writeBatch() {
        writing = true;
        List<PendingRecord> toWrite = batch;
        batch = new ArrayList<>();
        batchBytes = 0;
        store.write(provider, category, submissionId, toWrite, null).onComplete(written -> {
            writing = false;
            if (written.failed()) {
                fail(written.cause());
                return;
            }
            apply(written.result());
            if (broken) {
                interrupted(null);
            } else if (batchFull()) {
                writeBatch();
                request.resume();
            } else if (bodyEnded) {
                finish();
            } else {
                request.resume();
            }
        });
    }

    private void apply(VersionPlan plan) {
        accepted += plan.accepted();
        for (RecordError error : plan.errors()) {
            reject(error);
        }
    }

    private void onBodyEnd() {
        if (finished || broken) {
            return;
        }
        splitter.end();
        bodyEnded = true;
        if (!writing) {
            finish();
        }
    }

    /** The last batch and the log entry commit together; then the answer is ready. */
    private void finish() {
        List<PendingRecord> last = batch;
        batch = new ArrayList<>(0);
        batchBytes = 0;
        writing = true;
        store.write(provider, category, submissionId, last, plan -> {
            Map<String, Long> byCode = codes(plan);
            long finalAccepted = accepted + plan.accepted();
            long finalRejected = rejected + plan.errors().size();
            return new CollectionEntry(submissionId, provider, category, CHANNEL, received, finalAccepted,
                    finalRejected, byCode, true, startedAt);
        }).onComplete(written -> {
            writing = false;
            if (written.failed()) {
                fail(written.cause());
                return;
            }
            apply(written.result());
            finished = true;
            metrics.submissionFinished(provider, category, received, accepted, rejectedByCode, true);
            List<RecordError> listed = new ArrayList<>(errors);
            listed.sort(Comparator.comparingLong(RecordError::line));
            result.complete(new SubmissionResult(submissionId, category, received, accepted, rejected, listed,
                    errorsTruncated));
        });
    }

    private Map<String, Long> codes(VersionPlan lastPlan) {
        Map<String, Long> byCode = new HashMap<>();
        rejectedByCode.forEach((code, count) -> byCode.put(code.name(), count));
        for (RecordError error : lastPlan.errors()) {
            byCode.merge(error.code().name(), 1L, Long::sum);
        }
        return byCode;
    }

    /**
     * The connection broke before the answer: what was committed stays (the provider may resubmit the whole body
     * safely), the uncommitted batch is dropped, and the log says the submission was interrupted.
     */
    private void onBroken(Throwable cause) {
        if (finished || broken || bodyEnded) {
            // after the body ended the last batch and the log entry commit whatever happens to the connection
            return;
        }
        broken = true;
        if (!writing) {
            interrupted(cause);
        }
        // else: the batch in flight still commits, and is logged when it has
    }

    private void interrupted(Throwable cause) {
        finished = true;
        logInterrupted();
        result.tryFail(new SubmissionInterruptedException(cause));
    }

    private void fail(Throwable cause) {
        finished = true;
        if (broken) {
            logInterrupted();
            result.tryFail(new SubmissionInterruptedException(cause));
        } else {
            result.tryFail(cause);
        }
    }

    private void logInterrupted() {
        Map<String, Long> byCode = new HashMap<>();
        rejectedByCode.forEach((code, count) -> byCode.put(code.name(), count));
        metrics.submissionFinished(provider, category, received, accepted, rejectedByCode, false);
        store.logInterrupted(new CollectionEntry(submissionId, provider, category, CHANNEL, received, accepted,
                        rejected, byCode, false, startedAt))
                .onFailure(e -> LOG.warn("could not log an interrupted submission",
                        kv("submission_id", submissionId), kv("error", e.getMessage())));
    }
}
