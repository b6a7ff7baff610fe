package org.creditgate.http;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.SqlConnection;
import org.creditgate.config.GatewayConfig;
import org.creditgate.testing.RunningGateway;
import org.creditgate.testing.TestPostgres;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Authentication under a burst: requests with one key share one read of it")
class SharedKeyReadsTest {

    @Test
    @DisplayName("300 requests with a key not yet cached, while the key tables are locked, all get their answer "
            + "from one query (the pool holds 2 connections and lets 2 requests wait)")
    void burstSharesOneRead() throws Exception {
        try (RunningGateway gateway = RunningGateway.start(TestPostgres.freshDatabase(), config -> {
            GatewayConfig.Database db = config.database();
            return config.withDatabase(new GatewayConfig.Database(db.url(), 2, 2, db.connectTimeoutMs(),
                    10_000, db.statementTimeoutMs(), db.writerConnections()));
        })) {
            String key = gateway.createClient(new JsonObject().put("id", "burst-site").put("name", "信用网站")
                    .put("role", "public"));
            WebClient burst = WebClient.create(gateway.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
                    .setDefaultPort(gateway.port()), new PoolOptions().setHttp1MaxSize(300));
            SqlConnection lock = gateway.pool().getConnection().await();
            try {
                lock.query("BEGIN").execute().await();
                // the key's read now waits for this transaction
                lock.query("LOCK TABLE api_keys, clients IN ACCESS EXCLUSIVE MODE").execute().await();
                List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    // a public client may not list clients: answered after authentication, without the database
                    answers.add(burst.request(HttpMethod.GET, "/admin/clients").bearerTokenAuthentication(key).send());
                }
                Thread.sleep(1000);
                assertThat(answers).noneMatch(Future::isComplete);
                lock.query("COMMIT").execute().await();
                Future.all(answers).await(30, TimeUnit.SECONDS);
                assertThat(answers).extracting(answer -> answer.result().statusCode()).containsOnly(403);
            } finally {
                lock.close().await();
                burst.close();
            }
        }
    }
}
