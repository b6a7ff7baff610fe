package org.creditgate.access;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.OptionalLong;

import static net.logstash.logback.argument.StructuredArguments.kv;

/**
 * Daily subject quotas, exact across every instance sharing the database. An instance leases blocks of a client's
 * day from the database and spends them locally, so most lookups cost no round trip; near the limit it leases
 * exactly what a lookup needs. Leases that go unused are given back after {@code idleMillis}, so quota held by an
 * idle instance is free again for the others within about a second.
 *
 * <p>All accounts live on one Vert.x context and each client's operations run one after another, so there are
 * no locks and no double leases.
 */
public final class DailyQuotas {

    private static final Logger LOG = LoggerFactory.getLogger(DailyQuotas.class);
    public static final ZoneId PLATFORM_ZONE = ZoneId.of("Asia/Shanghai");

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
            Account account = accounts.computeIfAbsent(clientId, id -> new Account(id));
            account.tail = account.tail.transform(previous -> attempt(account, limit, subjects))
                    .onComplete(decided);
        });
        return decided.future();
    }

    private Future<Decision> attempt(Account account, long limit, int subjects) {
        LocalDate today = today();
        if (!today.equals(account.day)) {
            giveBack(account);
            account.day = today;
        }
        if (subjects > limit) {
            return Future.succeededFuture(refused(limit));
        }
        if (account.allowance >= subjects) {
            return Future.succeededFuture(spend(account, limit, subjects));
        }
        long needed = subjects - account.allowance;
        long lease = Math.max(needed, Math.min(account.nextLease(block), limit));
        return queries.lease(account.clientId, today, lease, limit).compose(total -> {
            if (total.isPresent()) {
                return Future.succeededFuture(leased(account, limit, subjects, lease, total));
            }
            if (lease == needed) {
                return Future.succeededFuture(refused(limit));
            }
            // near the limit: take exactly what this lookup needs, no more
            return queries.lease(account.clientId, today, needed, limit).map(exact -> exact.isPresent()
                    ? leased(account, limit, subjects, needed, exact) : refused(limit));
        });
    }

    private Decision leased(Account account, long limit, int subjects, long lease, OptionalLong total) {
        account.allowance += lease;
        account.usedAtLastLease = total.getAsLong();
        return spend(account, limit, subjects);
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
            if (account.allowance > 0 && now - account.lastUse > Duration.ofMillis(idleMillis).toNanos()) {
                account.tail = account.tail.transform(ignored -> {
                    giveBack(account);
                    return Future.succeededFuture();
                });
            }
        }
    }

    /** Returns every unused lease (at shutdown). */
    public Future<Void> giveBackAll() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            context.owner().cancelTimer(timer);
            Future<Void> all = Future.succeededFuture();
            for (Account account : accounts.values()) {
                all = all.compose(v -> account.tail.transform(t -> giveBack(account)));
            }
            all.onComplete(done);
        });
        return done.future();
    }

    private Future<Void> giveBack(Account account) {
        if (account.allowance <= 0 || account.day == null) {
            return Future.succeededFuture();
        }
        long amount = account.allowance;
        account.allowance = 0;
        return queries.giveBack(account.clientId, account.day, amount)
                .onFailure(e -> LOG.warn("could not give back an unused quota lease",
                        kv("client_id", account.clientId), kv("subjects", amount), kv("error", e.getMessage())));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(PLATFORM_ZONE));
    }

    private long secondsToMidnight() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(PLATFORM_ZONE));
        ZonedDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay(PLATFORM_ZONE);
        return Math.max(1, Duration.between(now, midnight).toSeconds());
    }

    /**
     * @param remaining  what this client has left today, as far as this instance knows
     * @param resetAfter seconds until the day ends in Asia/Shanghai
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetAfter) {
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
        Future<?> tail = Future.succeededFuture();

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
