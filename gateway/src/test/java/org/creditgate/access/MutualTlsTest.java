package org.creditgate.access;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.creditgate.config.GatewayConfig;
import org.creditgate.testing.Records;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Provider identity by client certificate: a certificate signed by the configured authority, whose subject CN is a
 * client id, authenticates without a key; an unsigned one is refused at the handshake; keys keep working.
 * Certificates are made for the test with the JDK's keytool.
 */
@DisplayName("mTLS: client certificates signed by the configured authority name the client")
class MutualTlsTest {

    private static final String PASSWORD = "changeit";
    @TempDir
    static Path dir;
    private static RunningGateway gateway;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=creditgate test CA", "-ext", "bc:c",
                "-validity", "2", "-keystore", store("ca"));
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca"), "-file", dir.resolve("ca.pem").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(),
                "-keystore", store("trust"));
        signed("server", "CN=localhost", "san=ip:127.0.0.1,dns:localhost");
        signed("sz-amr", "CN=sz-amr,O=Shenzhen AMR", null);
        signed("nobody", "CN=nobody-registered", null);
        keytool("-genkeypair", "-alias", "rogue", "-keyalg", "EC", "-dname", "CN=sz-amr", "-validity", "2",
                "-keystore", store("rogue"));

        gateway = RunningGateway.start(org.creditgate.testing.TestPostgres.freshDatabase(), config -> config.withTls(
                new GatewayConfig.Tls(true, 0, Optional.of(dir.resolve("server.p12")), PASSWORD,
                        Optional.of(dir.resolve("trust.p12")), PASSWORD)));
        gateway.createClient(new JsonObject().put("id", "sz-amr").put("name", "深圳市市场监督管理局").put("role", "provider")
                .put("categories", new JsonArray().add("admin_penalty")));
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close().await();
    }

    private static String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    /** A key pair in NAME.p12 whose certificate the test CA signed, with the chain imported. */
    private static void signed(String name, String dname, String san) throws Exception {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-dname", dname, "-validity", "2", "-keystore", store(name));
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", dir.resolve(name + ".csr").toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-keystore", store("ca"),
                "-infile", dir.resolve(name + ".csr").toString(), "-outfile", dir.resolve(name + ".pem").toString(),
                "-validity", "2"));
        if (san != null) {
            sign.addAll(List.of("-ext", san));
        }
        keytool(sign.toArray(new String[0]));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.pem").toString(), "-keystore", store(name));
        keytool("-importcert", "-alias", name, "-file", dir.resolve(name + ".pem").toString(), "-keystore", store(name));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", args) + "\n" + output).isZero();
    }

    private static WebClient client(String certificate) {
        WebClientOptions options = new WebClientOptions().setSsl(true).setDefaultHost("127.0.0.1")
                .setDefaultPort(gateway.tlsPort()).setVerifyHost(false)
                .setTrustOptions(new PfxOptions().setPath(store("trust")).setPassword(PASSWORD));
        if (certificate != null) {
            options.setKeyCertOptions(new PfxOptions().setPath(store(certificate)).setPassword(PASSWORD));
        }
        return WebClient.create(vertx, options);
    }

    private static HttpResponse<Buffer> submit(WebClient client, String key) {
        var request = client.post("/v1/submissions/admin_penalty").putHeader("Content-Type", "application/x-ndjson");
        if (key != null) {
            request.bearerTokenAuthentication(key);
        }
        return request.sendBuffer(Records.ndjson(Records.penalty("TLS-1", Records.orgCode(77), "2026-01-01"))).await();
    }

    @Test
    @DisplayName("a certificate signed by the authority with CN = a client id authenticates that client")
    void signedCertificate() {
        HttpResponse<Buffer> response = submit(client("sz-amr"), null);
        assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.bodyAsJsonObject().getLong("accepted")).isEqualTo(1);
    }

    @Test
    @DisplayName("a signed certificate naming no client is 401; no certificate or an unsigned one fails the handshake")
    void refusedCertificates() {
        assertThat(submit(client("nobody"), null).statusCode()).isEqualTo(401);
        assertThatThrownBy(() -> submit(client("rogue"), null)).isInstanceOf(Exception.class);
        assertThatThrownBy(() -> submit(client(null), null)).isInstanceOf(Exception.class);
    }

    @Test
    @DisplayName("API keys keep working on the plain listener")
    void keysStillWork() {
        assertThat(gateway.get("/admin/clients", gateway.adminKey()).statusCode()).isEqualTo(200);
    }
}
