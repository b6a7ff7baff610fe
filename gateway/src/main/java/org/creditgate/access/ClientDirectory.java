package org.creditgate.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Who holds which key. Authentication runs on every request, so resolved keys are cached briefly; a rotated key
 * is dropped from this instance's cache at once and ages out of the others' within {@link #KEY_CACHE_TTL}.
 */
public final class ClientDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(ClientDirectory.class);
    static final Duration KEY_CACHE_TTL = Duration.ofSeconds(2);
    public static final String ADMIN_CLIENT_ID = "admin";

    private final ClientQueries queries;
    /** key hash (hex) → the client holding it, or empty for an unknown key (so guessing does not hammer the database) */
    private final Cache<String, Optional<Client>> byKey = Caffeine.newBuilder()
            .expireAfterWrite(KEY_CACHE_TTL)
            .maximumSize(100_000)
            .build();

    private final Cache<String, Optional<Client>> byId = Caffeine.newBuilder()
            .expireAfterWrite(KEY_CACHE_TTL)
            .maximumSize(100_000)
            .build();

    public ClientDirectory(ClientQueries queries) {
        this.queries = queries;
    }

    /** The client holding this key, if the key is known and active. */
    public Future<Optional<Client>> authenticate(String apiKey) {
        byte[] hash = ApiKeys.hash(apiKey);
        String cacheKey = HexFormat.of().formatHex(hash);
        Optional<Client> cached = byKey.getIfPresent(cacheKey);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return queries.byKeyHash(hash).onSuccess(found -> byKey.put(cacheKey, found));
    }

    /** A client by id (a client certificate names one), cached as briefly as keys are. */
    public Future<Optional<Client>> byId(String clientId) {
        Optional<Client> cached = byId.getIfPresent(clientId);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        return queries.byId(clientId).onSuccess(found -> byId.put(clientId, found));
    }

    /** Registers a client and returns its first key, which is not stored anywhere in clear. */
    public Future<String> register(NewClient client) {
        String key = ApiKeys.generate();
        return queries.insert(client, ApiKeys.hash(key)).map(key);
    }

    public Future<List<Client>> all() {
        return queries.all();
    }

    /** Replaces every key of the client with a new one; empty when there is no such client. */
    public Future<Optional<String>> rotateKey(String clientId) {
        String key = ApiKeys.generate();
        return queries.replaceKeys(clientId, ApiKeys.hash(key)).map(found -> {
            if (!found) {
                return Optional.<String>empty();
            }
            forget(clientId);
            return Optional.of(key);
        });
    }

    /**
     * Makes sure the operator can get in: the configured admin key is made valid, or on the very first start
     * (no admin client yet) a key is generated and returned so it can be shown once.
     */
    public Future<Optional<String>> bootstrapAdmin(Optional<String> configuredKey) {
        NewClient admin = new NewClient(ADMIN_CLIENT_ID, "platform operator", Role.ADMIN, List.of(),
                OptionalInt.empty(), OptionalInt.empty());
        return queries.pool().withTransaction(tx -> queries.insertIfAbsent(tx, admin).compose(created -> {
            if (configuredKey.isPresent()) {
                return queries.addKeyIfAbsent(tx, ADMIN_CLIENT_ID, ApiKeys.hash(configuredKey.get()))
                        .map(Optional.<String>empty());
            }
            if (created) {
                String key = ApiKeys.generate();
                return queries.addKeyIfAbsent(tx, ADMIN_CLIENT_ID, ApiKeys.hash(key)).map(Optional.of(key));
            }
            return Future.succeededFuture(Optional.<String>empty());
        })).onSuccess(generated -> LOG.info("admin client ready{}", generated.isPresent() ? " (new key generated)" : ""));
    }

    private void forget(String clientId) {
        byKey.asMap().entrySet().removeIf(e -> e.getValue().map(c -> c.id().equals(clientId)).orElse(false));
    }
}
