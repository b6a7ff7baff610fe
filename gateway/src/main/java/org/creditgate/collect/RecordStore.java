package org.creditgate.collect;

import io.vertx.core.Future;
import org.creditgate.audit.CollectionEntry;
import org.creditgate.audit.CollectionLogQueries;
import org.creditgate.store.WriterConnections;

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
 * transaction, so the log and the data commit together. The transactions run on the writer connections, which
 * load new versions with COPY ({@link WriterConnections}).
 *
 * <p>Changed subjects are announced to every instance (NOTIFY, on commit) and, before the submission is answered,
 * to this instance directly: a provider's own lookup right after the answer must not see the old records while the
 * announcement is still on its way back.
 */
public final class RecordStore {

    private final WriterConnections writers;
    private final CollectionMetrics metrics;
    private final Consumer<Collection<String>> committedChanges;

    /**
     * @param committedChanges told of the subjects a committed batch changed, before the batch counts as written:
     *                         this instance's cache drops them at once (other instances hear the announcement)
     */
    public RecordStore(WriterConnections writers, CollectionMetrics metrics,
                       Consumer<Collection<String>> committedChanges) {
        this.writers = writers;
        this.metrics = metrics;
        this.committedChanges = committedChanges;
    }

    /**
     * @param logEntry for the last batch of a submission: builds its log entry from this batch's plan; else null.
     *                 It runs on a writer thread, while the submission waits for this write
     */
    public Future<VersionPlan> write(String provider, String category, UUID submissionId, List<PendingRecord> batch,
                                     Function<VersionPlan, CollectionEntry> logEntry) {
        long started = System.nanoTime();
        return writers.inTransaction(connection -> {
            if (batch.isEmpty()) {
                VersionPlan nothing = new VersionPlan(List.of(), List.of(), 0, Set.of());
                if (logEntry != null) {
                    CollectionLogQueries.insert(connection, logEntry.apply(nothing));
                }
                return nothing;
            }
            // a record named twice in a batch is named twice here too: = ANY does not mind
            String[] recordIds = new String[batch.size()];
            for (int i = 0; i < recordIds.length; i++) {
                recordIds[i] = batch.get(i).record().recordId();
            }
            RecordQueries.lock(connection, provider, category);
            Map<String, CurrentVersion> heads = RecordQueries.heads(connection, provider, category, recordIds);
            VersionPlan plan = VersionPlanner.plan(batch, heads);
            RecordQueries.append(connection, provider, category, submissionId, plan.writes());
            RecordQueries.announce(connection, plan.changedSubjects());
            if (logEntry != null) {
                CollectionLogQueries.insert(connection, logEntry.apply(plan));
            }
            return plan;
        }).onSuccess(plan -> {
            committedChanges.accept(plan.changedSubjects());
            metrics.batchWritten(batch.size(), plan.writes().size(), System.nanoTime() - started);
        });
    }

    /** Logs a submission whose connection broke, with what had been committed. */
    public Future<Void> logInterrupted(CollectionEntry entry) {
        return writers.inTransaction(connection -> {
            CollectionLogQueries.insert(connection, entry);
            return null;
        });
    }
}
