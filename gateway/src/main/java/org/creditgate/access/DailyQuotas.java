package org.creditgate.access;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.creditgate.calendar.PlatformCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Daily subject quotas, exact across every instance sharing the database. An instance leases blocks of a client's
 * day from the database and spends them locally, so most lookups cost no round trip; near the limit it leases
 * exactly what a lookup needs. Leases that go unused are given back after {@code idleMillis}, so quota held by an
 * idle instance is free again for the others within about a second.
 *
 * <p>All accounts live on one Vert.x context, so there are no locks. A client's takes are served in order: those
 * the allowance covers at once, the others queued until the lease in flight (one per client at a time) comes back,
 * so there are no double leases and, however many lookups wait, no chain of futures to unwind.
 */
public final class DailyQuotas {

    private static final Logger LOG = LoggerFactory.getLogger(DailyQuotas.class);

    private final QuotaQueries queries;
    private final Context context;
    private final Clock clock;
    private final long block;
    private final long idleMillis;
    private final Map<String, Account> accounts = new HashMap<>();
    private final long timer;
    /** A lease grows to at most this many blocks for a client that spends them fast. */
    private static final long MAX_BLOCKS = 64;

    public DailyQuotas(Vertx vertx, QuotaQueries queries, Clock clock, long block, long idleMillis) {
        this.queries = queries;
        this.context = vertx.getOrCreateContext();
        this.clock = clock;
        this.block = block;
        this.idleMillis = idleMillis;
        this.timer = vertx.setPeriodic(Math.max(100, idleMillis / 2), ignored -> context.runOnContext(v -> giveBackIdle()));
    }

    /** Takes {@code subjects} from the client's day, whole or not at all. */
    public Future<Decision> take(String clientId, long limit, int subjects) {
        Promise<Decision> decided = Promise.promise();
        context.runOnContext(ignored -> {
            Account account = accounts.computeIfAbsent(clientId, Account::new);
            account.waiting.add(new Take(limit, subjects, decided));
            serve(account);
        });
        return decided.future();
    }

    /** Decides the waiting takes, in order, as far as the allowance goes; then leases for the first one left. */
    private void serve(Account account) {
        LocalDate today = today();
        if (!today.equals(account.day)) {
            giveBack(account);
            account.day = today;
        }
        Take next;
        while ((next = account.waiting.peek()) != null) {
            if (next.subjects > next.limit) {
                account.waiting.poll().decided.complete(refused(next.limit));
            } else if (account.allowance >= next.subjects) {
                account.waiting.poll().decided.complete(spend(account, next.limit, next.subjects));
            } else {
                if (account.leasing == null) {
                    lease(account, next.limit, next.subjects - account.allowance);
                }
                return;
            }
        }
    }

    private void lease(Account account, long limit, long needed) {
        LocalDate day = account.day;
        long lease = Math.max(needed, Math.min(account.nextLease(block), limit));
        Promise<Void> settled = Promise.promise();
        account.leasing = settled.future();
        leaseQuery(account.clientId, day, lease, limit).compose(total -> {
            if (total.isPresent() || lease == needed) {
                return Future.succeededFuture(new Grant(lease, total));
            }
            // near the limit: take exactly what the first waiting lookup needs, no more
            return leaseQuery(account.clientId, day, needed, limit).map(exact -> new Grant(needed, exact));
        }).onComplete(result -> context.runOnContext(ignored -> {
            account.leasing = null;
            settled.complete();
            if (result.failed()) {
                // the database cannot be asked now: every waiting lookup would need it too
                Take failed;
                while ((failed = account.waiting.poll()) != null) {
                    failed.decided.fail(result.cause());
                }
                return;
            }
            Grant grant = result.result();
            if (grant.total.isEmpty()) {
                Take first = account.waiting.poll();
                if (first != null) {
                    first.decided.complete(refused(first.limit));
                }
            } else if (day.equals(account.day)) {
                account.allowance += grant.amount;
                account.usedAtLastLease = grant.total.getAsLong();
            } else {
                // the day ended while the lease was in flight: it belongs to a day that is over
                giveBack(account.clientId, day, grant.amount);
            }
            serve(account);
        }));
    }

    /** The lease query as a future, even if starting it throws: the account would otherwise stay leasing. */
    private Future<OptionalLong> leaseQuery(String clientId, LocalDate day, long amount, long limit) {
        try {
            return queries.lease(clientId, day, amount, limit);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Decision spend(Account account, long limit, int subjects) {
        account.allowance -= subjects;
        account.lastUse = System.nanoTime();
        long remaining = Math.max(0, limit - account.usedAtLastLease + account.allowance);
        return new Decision(true, limit, remaining, secondsToMidnight());
    }

    private Decision refused(long limit) {
        return new Decision(false, limit, 0, secondsToMidnight());
    }

    private void giveBackIdle() {
        long now = System.nanoTime();
        for (Account account : accounts.values()) {
            // an account waiting for a lease is in use; its allowance goes back the next time round if still idle
            if (account.leasing == null && account.allowance > 0
                    && now - account.lastUse > Duration.ofMillis(idleMillis).toNanos()) {
                giveBack(account);
            }
        }
    }

    /** Returns every unused lease (at shutdown), once the leases in flight are back. */
    public Future<Void> giveBackAll() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            context.owner().cancelTimer(timer);
            List<Future<Void>> returns = new ArrayList<>();
            for (Account account : accounts.values()) {
                Future<Void> inFlight = account.leasing == null ? Future.succeededFuture() : account.leasing;
                returns.add(inFlight.transform(settled -> {
                    Promise<Void> returned = Promise.promise();
                    context.runOnContext(v -> giveBack(account).onComplete(returned));
                    return returned.future();
                }));
            }
            Future.join(returns).<Void>mapEmpty().onComplete(done);
        });
        return done.future();
    }

    /** Gives the account's allowance back at once (the allowance is zero from now on, whatever the database says). */
    private Future<Void> giveBack(Account account) {
        if (account.allowance <= 0 || account.day == null) {
            return Future.succeededFuture();
        }
        long amount = account.allowance;
        account.allowance = 0;
        return giveBack(account.clientId, account.day, amount);
    }

    private Future<Void> giveBack(String clientId, LocalDate day, long amount) {
        return queries.giveBack(clientId, day, amount)
                .onFailure(e -> LOG.warn("could not give back an unused quota lease",
                        kv("client_id", clientId), kv("subjects", amount), kv("error", e.getMessage())));
    }

    private LocalDate today() {
        return PlatformCalendar.today(clock);
    }

    private long secondsToMidnight() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(PlatformCalendar.ZONE));
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(PlatformCalendar.ZONE);
        return Math.max(1, Duration.between(now, midnight).toSeconds());
    }

    /**
     * @param remaining  what this client has left today, as far as this instance knows
     * @param resetAfter seconds until the day ends in Asia/Shanghai
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetAfter) {
    }

    private record Take(long limit, int subjects, Promise<Decision> decided) {
    }

    private record Grant(long amount, OptionalLong total) {
    }

    private static final class Account {
        final String clientId;
        LocalDate day;
        long allowance;
        long usedAtLastLease;
        long lastUse;
        /** the size of the last lease and when it was taken (monotonic nanoseconds) */
        long lastLease;
        long lastLeaseAt;
        /** lookups waiting for the lease in flight, in arrival order */
        final ArrayDeque<Take> waiting = new ArrayDeque<>();
        /** the lease in flight (settles when it is back), or null */
        Future<Void> leasing;

        /**
         * The lease to take when the allowance runs out: the configured block, doubled each time the last lease
         * lasted less than a second, up to {@link #MAX_BLOCKS} blocks. A client looking up 1000 subjects at a time
         * would otherwise need a round trip to the database, and the wait for its commit, for every lookup, and its
         * lookups queue behind one another here. What goes unused still comes back after the idle time.
         */
        long nextLease(long block) {
            long now = System.nanoTime();
            boolean fast = lastLease > 0 && now - lastLeaseAt < TimeUnit.SECONDS.toNanos(1);
            lastLease = fast ? Math.min(lastLease * 2, block * MAX_BLOCKS) : block;
            lastLeaseAt = now;
            return lastLease;
        }

        Account(String clientId) {
            this.clientId = clientId;
        }
    }
}
