package org.creditgate.ops;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.creditgate.testing.RunningGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.creditgate.testing.Records.orgCode;
import static org.creditgate.testing.Records.penalty;

/**
 * The operator page in a real headless Chromium: log in with the admin key, read each provider's light and
 * figures and this instance's lookup figures as a person would see them. Runs in the {@code browser} profile.
 */
@DisplayName("The operator page in a headless browser")
class DashboardBrowserTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RunningGateway gateway;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        gateway = RunningGateway.start();
        submit(provider("b-green", "绿灯提供方"), 0, 10, 0);
        submit(provider("b-yellow", "黄灯提供方"), 100, 9, 1);
        submit(provider("b-red", "红灯提供方"), 200, 1, 4);
        provider("b-silent", "从未报送的提供方");
        String agency = gateway.createClient(new JsonObject().put("id", "b-agency").put("name", "机构")
                .put("role", "agency"));
        JsonArray subjects = new JsonArray();
        for (int i = 0; i < 10; i++) {
            subjects.add(orgCode(i));
        }
        // ten subjects from the database, then the same ten from the cache: a hit ratio of one half
        for (int i = 0; i < 2; i++) {
            assertThat(gateway.post("/v1/lookups", agency, new JsonObject().put("subjects", subjects)
                    .put("reason", "看板测试")).statusCode()).isEqualTo(200);
        }

        profile = Files.createTempDirectory("creditgate-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(System.getProperty("creditgate.chromium", "/usr/bin/chromium"))
                .addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile);
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("creditgate.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String provider(String id, String name) {
        return gateway.createClient(new JsonObject().put("id", id).put("name", name).put("role", "provider")
                .put("categories", new JsonArray().add("admin_penalty")));
    }

    private static void submit(String key, int first, int valid, int invalid) {
        Buffer body = Buffer.buffer();
        for (int i = 0; i < valid; i++) {
            body.appendString(penalty("B-" + (first + i), orgCode(first + i), "2026-01-01").encode()).appendString("\n");
        }
        for (int i = 0; i < invalid; i++) {
            body.appendString("{broken\n");
        }
        assertThat(gateway.post("/v1/submissions/admin_penalty", key, "application/x-ndjson", body).statusCode())
                .isEqualTo(200);
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static WebElement row(String provider) {
        return browser.findElement(By.cssSelector("#providers tr[data-provider='" + provider + "']"));
    }

    private static void logIn(String key) {
        WebElement field = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("admin-key")));
        field.clear();
        field.sendKeys(key);
        byId("login-button").click();
    }

    private static Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    @Test
    @DisplayName("a wrong key is refused; the admin key shows each provider's light and figures and the lookup figures")
    void lightsAfterLogin() throws IOException {
        browser.get("http://127.0.0.1:" + gateway.port() + "/dashboard/");
        assertThat(browser.getTitle()).contains("运营看板", "Operator dashboard");

        logIn("cg_not-a-key-of-this-gateway-at-all");
        WebElement error = new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("error")));
        assertThat(error.getText()).contains("密钥无效", "UNAUTHENTICATED");
        assertThat(script("return sessionStorage.getItem('creditgate.adminKey')")).isNull();

        logIn(gateway.adminKey());
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#providers tr[data-provider='b-silent']")));
        assertThat(byId("error").isDisplayed()).isFalse();

        assertThat(row("b-green").findElement(By.cssSelector("td.light")).getDomAttribute("data-light"))
                .isEqualTo("green");
        assertThat(row("b-green").findElement(By.cssSelector("td.light")).getText()).isEqualTo("绿 green");
        assertThat(row("b-yellow").findElement(By.cssSelector("td.light")).getDomAttribute("data-light"))
                .isEqualTo("yellow");
        assertThat(row("b-red").findElement(By.cssSelector("td.light")).getDomAttribute("data-light"))
                .isEqualTo("red");
        assertThat(row("b-silent").findElement(By.cssSelector("td.light")).getText()).isEqualTo("红 red");

        assertThat(row("b-green").findElement(By.cssSelector(".accepted-today")).getText()).isEqualTo("10");
        assertThat(row("b-yellow").findElement(By.cssSelector(".rejected-today")).getText()).isEqualTo("1");
        assertThat(row("b-red").findElement(By.cssSelector(".accepted-today")).getText()).isEqualTo("1");
        assertThat(row("b-red").findElement(By.cssSelector(".rejected-today")).getText()).isEqualTo("4");
        assertThat(row("b-green").findElement(By.cssSelector(".provider")).getText()).isEqualTo("绿灯提供方");
        assertThat(row("b-green").findElement(By.cssSelector(".last-submission")).getText())
                .matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(row("b-silent").findElement(By.cssSelector(".last-submission")).getText()).isEqualTo("从未 never");

        assertThat(byId("cache-hit-ratio").getText()).isEqualTo("50.0 %");
        assertThat(Double.parseDouble(byId("lookup-rate").getText())).isGreaterThan(0);

        Path screenshot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, Path.of("gateway/target/dashboard.png"), StandardCopyOption.REPLACE_EXISTING);

        // the key lives in this tab's session only: not in localStorage, not in a cookie
        assertThat(script("return sessionStorage.getItem('creditgate.adminKey')")).isEqualTo(gateway.adminKey());
        assertThat(script("return localStorage.length")).isEqualTo(0L);
        assertThat(browser.manage().getCookies()).isEmpty();

        // a reload keeps the session; logging out forgets the key
        browser.navigate().refresh();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#providers tr[data-provider='b-green']")));
        byId("logout").click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("admin-key")));
        assertThat(byId("board").isDisplayed()).isFalse();
        assertThat(script("return sessionStorage.getItem('creditgate.adminKey')")).isNull();

        // nothing the page did was blocked by its content security policy
        List<LogEntry> console = browser.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(console).noneMatch(entry -> entry.getMessage().contains("Content Security Policy"));
        assertThat(console).noneMatch(entry -> entry.getLevel().equals(Level.SEVERE)
                && !entry.getMessage().contains("401"));
    }
}
