package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.access.Client;
import org.creditgate.access.ClientDirectory;
import org.creditgate.access.DuplicateClientException;
import org.creditgate.access.NewClient;
import org.creditgate.access.Role;
import org.creditgate.catalog.Catalog;
import org.creditgate.config.GatewayConfig;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code /admin/clients}: the operator registers clients, lists them and rotates their keys. */
public final class ClientsHandler {

    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> MEMBERS = Set.of("id", "name", "role", "categories", "quota");
    private static final Set<String> QUOTA_MEMBERS = Set.of("requests_per_second", "subjects_per_day");

    private final ClientDirectory directory;
    private final Catalog catalog;
    private final GatewayConfig.Quota defaultQuota;

    public ClientsHandler(ClientDirectory directory, Catalog catalog, GatewayConfig.Quota defaultQuota) {
        this.directory = directory;
        this.catalog = catalog;
        this.defaultQuota = defaultQuota;
    }

    public void create(RoutingContext ctx) {
        NewClient client = parse(JsonBodies.object(ctx));
        directory.register(client).onComplete(result -> {
            if (result.succeeded()) {
                ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("id", client.id()).put("api_key", result.result()).toBuffer());
            } else if (result.cause() instanceof DuplicateClientException) {
                ctx.fail(ApiProblem.conflict("A client with this id already exists."));
            } else {
                ctx.fail(result.cause());
            }
        });
    }

    public void list(RoutingContext ctx) {
        directory.all().onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
                return;
            }
            JsonArray clients = new JsonArray();
            for (Client client : result.result()) {
                clients.add(describe(client));
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("clients", clients).toBuffer());
        });
    }

    public void rotateKey(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (id == null || !CLIENT_ID.matcher(id).matches()) {
            throw ApiProblem.notFound("There is no client with this id.");
        }
        directory.rotateKey(id).onComplete(result -> {
            if (result.failed()) {
                ctx.fail(result.cause());
            } else if (result.result().isEmpty()) {
                ctx.fail(ApiProblem.notFound("There is no client with this id."));
            } else {
                ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .putHeader("Cache-Control", "no-store")
                        .end(new JsonObject().put("id", id).put("api_key", result.result().get()).toBuffer());
            }
        });
    }

    /** What the operator sees of a client: an explicit allow-list, never a key or its hash. */
    private JsonObject describe(Client client) {
        return new JsonObject()
                .put("id", client.id())
                .put("name", client.name())
                .put("role", client.role().wireName())
                .put("categories", new JsonArray(client.categories()))
                .put("quota", new JsonObject()
                        .put("requests_per_second", client.requestsPerSecond().orElse(defaultQuota.requestsPerSecond()))
                        .put("subjects_per_day", client.subjectsPerDay().orElse(defaultQuota.subjectsPerDay())))
                .put("created_at", client.createdAt().toString());
    }

    /** The client a body describes, or an {@link ApiProblem} (400) naming what is wrong with it. */
    NewClient parse(JsonObject body) {
        for (String member : body.fieldNames()) {
            if (!MEMBERS.contains(member)) {
                throw ApiProblem.badRequest("'" + member + "' is not a member of a client; expected "
                        + String.join(", ", MEMBERS.stream().sorted().toList()) + ".");
            }
        }
        String id = JsonBodies.requiredString(body, "id", 64);
        if (!CLIENT_ID.matcher(id).matches()) {
            throw ApiProblem.badRequest("'id' must be 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit.");
        }
        String name = JsonBodies.requiredString(body, "name", 200);
        String roleName = JsonBodies.requiredString(body, "role", 32);
        Role role = Role.fromWire(roleName).orElseThrow(() -> ApiProblem.badRequest(
                "'role' must be one of " + String.join(", ", Role.wireNames()) + "."));
        List<String> categories = JsonBodies.optionalStrings(body, "categories", 100).orElse(List.of());
        for (String category : categories) {
            if (catalog.category(category).isEmpty()) {
                throw ApiProblem.badRequest("'categories' names '" + category + "', which is not in the catalog.");
            }
        }
        if (role == Role.PROVIDER && categories.isEmpty()) {
            throw ApiProblem.badRequest("A provider needs 'categories': the categories it may submit.");
        }
        if (role != Role.PROVIDER && !categories.isEmpty()) {
            throw ApiProblem.badRequest("'categories' applies to providers only.");
        }
        OptionalInt rps = OptionalInt.empty();
        OptionalInt spd = OptionalInt.empty();
        JsonObject quota = JsonBodies.optionalObject(body, "quota").orElse(null);
        if (quota != null) {
            for (String member : quota.fieldNames()) {
                if (!QUOTA_MEMBERS.contains(member)) {
                    throw ApiProblem.badRequest("'quota." + member + "' is not a quota setting; expected "
                            + "requests_per_second, subjects_per_day.");
                }
            }
            rps = JsonBodies.optionalPositiveInt(quota, "requests_per_second").map(OptionalInt::of)
                    .orElse(OptionalInt.empty());
            spd = JsonBodies.optionalPositiveInt(quota, "subjects_per_day").map(OptionalInt::of)
                    .orElse(OptionalInt.empty());
        }
        return new NewClient(id, name, role, categories.stream().distinct().toList(), rps, spd);
    }
}
