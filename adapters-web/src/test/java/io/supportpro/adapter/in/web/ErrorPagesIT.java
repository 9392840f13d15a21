package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.LogCapture;
import io.supportpro.adapter.in.web.testing.PanelSteps;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.application.port.in.ResumeSessionUseCase;
import io.supportpro.application.port.in.SignInUseCase;
import io.supportpro.application.port.in.ViewTwoFactorStatusUseCase;
import io.supportpro.application.port.out.StoreUnavailableException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/** Every answer carries the security headers, and no failure shows what went wrong inside. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ErrorPagesIT {
  private TestPanel panel;

  @BeforeAll
  void start() {
    // Seeing a status page fails inside; everything else works as usual.
    panel =
        TestPanel.start(
            useCases ->
                UseCaseOverrides.replace(
                    useCases,
                    (ViewTwoFactorStatusUseCase)
                        operator -> {
                          throw new IllegalStateException(
                              "secret internals: jdbc:postgresql://db/supportpro");
                        }));
  }

  @AfterAll
  void stop() {
    panel.close();
  }

  private Browser signedIn() {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    return browser;
  }

  @Test
  void everyKindOfAnswer_carriesTheSecurityHeaders() {
    Browser anonymous = panel.browser();
    Browser operator = signedIn();
    List<Response> answers = new ArrayList<>();
    answers.add(anonymous.get("/login"));
    answers.add(anonymous.get("/"));
    answers.add(anonymous.get("/health"));
    answers.add(anonymous.get("/assets/app.css"));
    answers.add(anonymous.get("/no/such/page"));
    answers.add(anonymous.post("/login", Map.of("login", "x")));
    answers.add(operator.get("/"));
    answers.add(operator.get("/admin/audit"));
    answers.add(operator.get("/account/security"));
    answers.add(operator.get("/definitely-not-here"));
    answers.add(
        anonymous.post(
            "/login",
            "application/x-www-form-urlencoded",
            "a=%zz".getBytes(StandardCharsets.US_ASCII)));
    answers.add(anonymous.get("/login?" + "x".repeat(100_000)));
    answers.add(anonymous.get("/login/callback?state=unknown&code=x"));
    answers.add(anonymous.get("/example-prompt/callback?state=unknown&code=x"));
    answers.add(anonymous.get("/login/prompt"));
    answers.add(operator.get("/admin/plugins"));

    for (Response answer : answers) {
      assertThat(answer.header("Content-Security-Policy"))
          .as(answer.toString())
          .hasValue(
              "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
      assertThat(answer.header("X-Content-Type-Options")).as(answer.toString()).hasValue("nosniff");
      assertThat(answer.header("Referrer-Policy")).as(answer.toString()).hasValue("same-origin");
      assertThat(answer.header("X-Frame-Options")).as(answer.toString()).hasValue("DENY");
      assertThat(answer.header("Cross-Origin-Opener-Policy"))
          .as(answer.toString())
          .hasValue("same-origin");
      assertThat(answer.header("Server")).as(answer.toString()).isEmpty();
      assertThat(answer.header("Strict-Transport-Security")).as(answer.toString()).isEmpty();
      if (answer.header("Content-Type").orElse("").startsWith("text/html")) {
        assertThat(answer.header("Cache-Control")).as(answer.toString()).hasValue("no-store");
      }
    }
  }

  @Test
  void anUnknownAddress_isA404Page() {
    Response missing = signedIn().get("/no/such/page");

    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.text()).contains("Page not found", "There is nothing at this address.");
    PagesIT.assertWellFormedPage(missing);
  }

  @Test
  void anUnexpectedFailure_isA500PageWithAReferenceThatIsLoggedWithTheException() {
    var log = new ListAppender<ILoggingEvent>();
    log.start();
    var logger = (Logger) LoggerFactory.getLogger(ErrorPages.class);
    logger.addAppender(log);
    try {
      Response failed = signedIn().get("/account/security");

      assertThat(failed.status()).isEqualTo(500);
      assertThat(failed.text()).contains("Something went wrong");
      String reference = Html.textOfClass(failed.body(), "reference").orElseThrow();
      assertThat(reference).matches("[0-9a-f]{8}");
      assertThat(failed.body())
          .doesNotContain("secret internals", "jdbc", "IllegalStateException", "at io.");
      PagesIT.assertWellFormedPage(failed);
      assertThat(log.list)
          .anySatisfy(
              event -> {
                assertThat(event.getFormattedMessage()).contains(reference);
                assertThat(event.getThrowableProxy().getMessage()).contains("secret internals");
              });
    } finally {
      logger.detachAppender(log);
    }
  }

  @Test
  void aMalformedForm_isA400PageWithAMessage() {
    Browser browser = panel.browser();
    String csrf = Html.csrf(browser.get("/login").body());
    for (String body :
        List.of(
            "csrf=" + csrf + "&login=%zz&password=x",
            "csrf=" + csrf + "&login=%C3%28&password=x",
            "csrf=" + csrf + "&login=%&password=x",
            "csrf=" + csrf + "&login=abc%2")) {
      Response refused =
          browser.post(
              "/login",
              "application/x-www-form-urlencoded",
              body.getBytes(StandardCharsets.US_ASCII));
      assertThat(refused.status()).as(body).isEqualTo(400);
      assertThat(refused.text()).as(body).contains("This form could not be read.");
    }
  }

  @Test
  void aFormSentAsAnotherType_isRefusedWithAPage() {
    Response refused =
        panel
            .browser()
            .post(
                "/login", "application/json", "{\"login\":\"x\"}".getBytes(StandardCharsets.UTF_8));

    assertThat(refused.status()).isEqualTo(415);
    assertThat(refused.text()).contains("This form was not sent the way the panel expects.");
  }

  @Test
  void aHugeBody_isA413PageNotAFailure() {
    byte[] huge = ("login=" + "a".repeat(1_200_000)).getBytes(StandardCharsets.US_ASCII);

    Response refused = panel.browser().post("/login", "application/x-www-form-urlencoded", huge);

    assertThat(refused.status()).isEqualTo(413);
    assertThat(refused.text()).contains("The request is too large");
  }

  @Test
  void aHugeAddress_isRefusedWithAShortPageOfOurOwn() {
    Response refused = panel.browser().get("/admin/operators?q=" + "x".repeat(100_000));

    assertThat(refused.status()).isBetween(400, 499);
    assertThat(refused.text()).contains("The request is too large for the panel to accept.");
    assertThat(refused.body()).doesNotContain("Jetty", "jetty");
  }

  @Test
  void aStoreOutage_isA503PageWithRetryAfterAndOneLogLineWithoutATrace() {
    var outage = new StoreUnavailableException("The database cannot be reached right now.", null);
    try (TestPanel away =
            TestPanel.start(
                useCases ->
                    UseCaseOverrides.replace(
                        UseCaseOverrides.replace(
                            useCases,
                            (ResumeSessionUseCase)
                                token -> {
                                  throw outage;
                                }),
                        (SignInUseCase)
                            command -> {
                              throw outage;
                            }));
        LogCapture log = LogCapture.start()) {
      Browser returning = away.browser();
      returning.setCookie(PanelSteps.SESSION_COOKIE, "a".repeat(43));
      Browser signingIn = away.browser();

      Response page = returning.get("/admin/operators");
      Response signIn = signIn(signingIn, TestPanel.OPERATOR, TestPanel.PASSWORD);

      for (Response answer : List.of(page, signIn)) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).hasValue("5");
        assertThat(answer.text())
            .contains("The panel cannot reach its database right now.")
            .doesNotContain("Something went wrong");
        PagesIT.assertWellFormedPage(answer);
      }
      assertThat(signingIn.cookie(PanelSteps.SESSION_COOKIE)).isEmpty();
      assertThat(log.lines())
          .containsExactly(
              "io.supportpro.adapter.in.web.ErrorPages Cannot serve GET /admin/operators: The"
                  + " database cannot be reached right now.",
              "io.supportpro.adapter.in.web.ErrorPages Cannot serve POST /login: The database"
                  + " cannot be reached right now.");
    }
  }

  @Test
  void aBodyCutOffBeforeItsLength_isA400AndOneLogLineWithoutATrace() throws Exception {
    try (LogCapture log = LogCapture.start();
        var socket = new Socket(InetAddress.getLoopbackAddress(), panel.base().getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\n"
                      + "Content-Length: 100\r\n\r\nlogin=x&passwo")
                  .getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer).startsWith("HTTP/1.1 400 ").contains("The request is not valid.");
      assertThat(log.lines())
          .containsExactly(
              "io.supportpro.adapter.in.web.ErrorPages Refused POST /login: the request could not"
                  + " be read (400 Early EOF)");
    }
  }

  @Test
  void aBodyAnnouncedOverTheLimit_isRefusedWithoutWaitingForIt() throws Exception {
    try (var socket = new Socket(InetAddress.getLoopbackAddress(), panel.base().getPort())) {
      socket.setSoTimeout(10_000);
      socket
          .getOutputStream()
          .write(
              ("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\n"
                      + "Content-Length: 2000000\r\n\r\nlogin=x")
                  .getBytes(StandardCharsets.US_ASCII));

      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answer)
          .startsWith("HTTP/1.1 413 ")
          .contains("The request is too large for the panel to accept.");
    }
  }

  @Test
  void theStylesheet_mayBeCachedButPagesMayNot() {
    Response css = panel.browser().get("/assets/app.css");
    Response icon = panel.browser().get("/assets/favicon.svg");

    assertThat(css.header("Cache-Control")).hasValue("public, max-age=3600");
    assertThat(icon.header("Content-Type")).hasValue("image/svg+xml");
    assertThat(panel.browser().get("/assets/missing.css").status()).isEqualTo(404);
  }
}
