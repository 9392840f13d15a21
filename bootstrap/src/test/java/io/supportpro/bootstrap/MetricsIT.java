package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} of the runnable jar: off without a token, and only for its bearer. */
class MetricsIT {
  private static final String TOKEN = "3f9c1e7a5b2d4c6e8f0a1b3c5d7e9f11";
  private static final Pattern FAILED_SIGN_INS =
      Pattern.compile("supportpro_audit_events_total\\{type=\"SIGN_IN_FAILED\"} (\\S+)");

  @TempDir Path dataDir;

  private Map<String, String> env(String... more) {
    var env =
        new HashMap<>(Map.of("SUPPORTPRO_DATA_DIR", dataDir.toString(), "SUPPORTPRO_PORT", "0"));
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return env;
  }

  private static Response metrics(Browser browser, String authorization) {
    var request = browser.request("/metrics");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return browser.send(request);
  }

  private static double failedSignIns(String metrics) {
    Matcher count = FAILED_SIGN_INS.matcher(metrics);
    return count.find() ? Double.parseDouble(count.group(1)) : 0;
  }

  @Test
  void withoutAToken_thereAreNoMetrics() throws Exception {
    try (JarProcess server = JarProcess.start(env(), "", "serve")) {
      var browser =
          new Browser(
              URI.create("http://127.0.0.1:" + server.awaitHealthy(Duration.ofSeconds(30))));

      assertThat(metrics(browser, null).status()).isEqualTo(404);
      assertThat(metrics(browser, "Bearer " + TOKEN).status()).isEqualTo(404);
    }
  }

  @Test
  void withAToken_onlyItsBearerReadsTheJvmFiguresAndTheAuditedEvents() throws Exception {
    JarProcess server = JarProcess.start(env("SUPPORTPRO_METRICS_TOKEN", TOKEN), "", "serve");
    try {
      var browser =
          new Browser(
              URI.create("http://127.0.0.1:" + server.awaitHealthy(Duration.ofSeconds(30))));

      for (String wrong :
          new String[] {null, "", "Bearer", "Bearer " + TOKEN.substring(1), "Basic " + TOKEN}) {
        Response refused = metrics(browser, wrong);
        assertThat(refused.status()).as(wrong).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer realm=\"metrics\"");
        assertThat(refused.body()).doesNotContain("jvm_");
      }
      Response before = metrics(browser, "Bearer " + TOKEN);
      assertThat(before.status()).isEqualTo(200);
      assertThat(before.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(before.body())
          .contains("jvm_memory_used_bytes", "process_uptime_seconds")
          .contains("supportpro_audit_events_total{type=\"PLUGIN_UNINSTALLED\"} 0.0");

      signIn(browser, "nobody", "Not-the-password-1");
      signIn(browser, "nobody", "Not-the-password-2");

      String after = metrics(browser, "bearer " + TOKEN).body();
      assertThat(failedSignIns(after)).isEqualTo(failedSignIns(before.body()) + 2);
      assertThat(after).doesNotContain(TOKEN, "Not-the-password");
    } finally {
      server.close();
    }
    server.awaitExit(Duration.ofSeconds(10));
    assertThat(server.stdout() + server.stderr()).doesNotContain(TOKEN);
  }

  @Test
  void aShortToken_endsTheStartWithOneLineThatDoesNotRepeatIt() {
    JarProcess process =
        JarProcess.run(env("SUPPORTPRO_METRICS_TOKEN", "short-secret"), "", "serve");

    assertThat(process.exitCode()).isEqualTo(2);
    assertThat(process.stderr().lines().toList())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("error: SUPPORTPRO_METRICS_TOKEN: ")
                    .doesNotContain("short-secret"));
  }
}
