package org.creditgate.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.creditgate.audit.CanonicalContent;
import org.creditgate.audit.ChainAudit;
import org.creditgate.audit.Checkpoint;
import org.creditgate.audit.Hashes;

import java.time.ZoneOffset;
import java.util.Base64;

/**
 * {@code GET /v1/audit/verify}: recomputes the logs' hash chain and checks the signed checkpoints against it;
 * {@code GET /v1/audit/checkpoints}: the checkpoints, newest first, with this instance's public key. Checkpoints and
 * anchors must be signed by this instance's key or one of {@code audit.trusted_public_keys};
 * {@code verify-log --public-key} pins the keys offline.
 */
public final class AuditHandler {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final ChainAudit chain;

    public AuditHandler(ChainAudit chain) {
        this.chain = chain;
    }

    public void verify(RoutingContext ctx) {
        chain.queries().verify(chain.trustedKeys()).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            json(ctx, new JsonObject(done.result().toMap()));
        });
    }

    public void checkpoints(RoutingContext ctx) {
        int limit = QueryParams.intParam(ctx, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        Long before = QueryParams.cursor(ctx);
        chain.queries().checkpoints(before, limit).onComplete(done -> {
            if (done.failed()) {
                ctx.fail(done.cause());
                return;
            }
            Base64.Encoder base64 = Base64.getEncoder();
            JsonArray checkpoints = new JsonArray();
            for (Checkpoint checkpoint : done.result().checkpoints()) {
                checkpoints.add(new JsonObject()
                        .put("seq", checkpoint.seq())
                        .put("head", Hashes.hex(checkpoint.headHash()))
                        .put("entries", checkpoint.entries())
                        .put("signed_at", CanonicalContent.timeText(checkpoint.signedAt().atOffset(ZoneOffset.UTC)))
                        .put("public_key", base64.encodeToString(checkpoint.publicKey()))
                        .put("signature", base64.encodeToString(checkpoint.signature())));
            }
            JsonObject body = new JsonObject().put("public_key", chain.signer().publicKeyBase64())
                    .put("checkpoints", checkpoints);
            if (done.result().nextBefore() != null) {
                body.put("next_cursor", done.result().nextBefore().toString());
            }
            json(ctx, body);
        });
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(body.toBuffer());
    }
}
