package org.creditgate.collect;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.creditgate.audit.CollectionEntry;
import org.creditgate.audit.CollectionLogQueries;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Writes batches of validated records, each in one transaction that commits before any of its records is counted
 * as accepted. The last batch of a submission carries the submission's collection log entry in the same
 * transaction, so the log and the data commit together.
 *
 * <p>Changed subjects are announced to every instance (NOTIFY, on commit) and, before the submission is answered,
 * to this instance directly: a provider's own lookup right after the answer must not see the old records while the
 * announcement is still on its way back.
 */
public final class RecordStore {

    private final Pool pool;
    private final CollectionMetrics metrics;
    private final Consumer<Collection<String>> committedChanges;

    /**
     * @param committedChanges told of the subjects a committed batch changed, before the batch counts as written:
     *                         this instance's cache drops them at once (other instances hear the announcement)
     */
    public RecordStore(Pool pool, CollectionMetrics metrics, Consumer<Collection<String>> committedChanges) {
        this.pool = pool;
        this.metrics = metrics;
        this.committedChanges = committedChanges;
    }

    /**
     * @param logEntry for the last batch of a submission: builds its log entry from this batch's plan; else null
     */
    public Future<VersionPlan> write(String provider, String category, UUID submissionId, List<PendingRecord> batch,
                                     Function<VersionPlan, CollectionEntry> logEntry) {
        long started = System.nanoTime();
        return pool.withTransaction(tx -> {
            if (batch.isEmpty()) {
                VersionPlan nothing = new VersionPlan(List.of(), List.of(), 0, Set.of());
                return logEntry == null ? Future.succeededFuture(nothing)
                        : CollectionLogQueries.insert(tx, logEntry.apply(nothing)).map(nothing);
            }
            // a record named twice in a batch is named twice here too: = ANY does not mind
            String[] recordIds = new String[batch.size()];
            for (int i = 0; i < recordIds.length; i++) {
                recordIds[i] = batch.get(i).record().recordId();
            }
            // both go out at once (pipelined); the server runs them in order, so the heads are read under the lock
            Future<Void> locked = RecordQueries.lock(tx, provider, category);
            Future<Map<String, CurrentVersion>> read = RecordQueries.heads(tx, provider, category, recordIds);
            return Future.all(locked, read).map(ignored -> read.result()).compose(heads -> {
                VersionPlan plan = VersionPlanner.plan(batch, heads);
                Future<Void> appended = plan.writes().isEmpty() ? Future.succeededFuture()
                        : RecordQueries.append(tx, provider, category, submissionId, plan.writes());
                Future<Void> announced = RecordQueries.announce(tx, plan.changedSubjects());
                Future<Void> logged = logEntry == null ? Future.succeededFuture()
                        : CollectionLogQueries.insert(tx, logEntry.apply(plan));
                return Future.all(appended, announced, logged).map(plan);
            });
        }).onSuccess(plan -> {
            committedChanges.accept(plan.changedSubjects());
            metrics.batchWritten(batch.size(), plan.writes().size(), System.nanoTime() - started);
        });
    }

    /** Logs a submission whose connection broke, with what had been committed. */
    public Future<Void> logInterrupted(CollectionEntry entry) {
        return pool.withTransaction(tx -> CollectionLogQueries.insert(tx, entry));
    }
}
