package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.operator.Operator;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PasswordsIT {
  private static final String NEW = "copper-Lantern-88-meadow";

  @AutoClose private final TestPanel panel = TestPanel.start();
  private final Browser admin = panel.signedIn(TestPanel.ADMIN);
  private final Operator olivia = panel.operator(TestPanel.OPERATOR);

  private Browser signedInOlivia() {
    Browser browser = panel.browser();
    signIn(browser, TestPanel.OPERATOR, TestPanel.PASSWORD);
    return browser;
  }

  private static Map<String, String> change(String current, String chosen, String repeated) {
    return Map.of("current", current, "password", chosen, "repeat", repeated);
  }

  private String resetPage() {
    return "/admin/operators/" + olivia.id() + "/reset-password";
  }

  @Test
  void anOperator_changesTheirPasswordAndTheirOtherSessionsEnd() {
    Browser here = signedInOlivia();
    Browser elsewhere = signedInOlivia();

    Response changed =
        submit(
            here, "/account/password", "/account/password", change(TestPanel.PASSWORD, NEW, NEW));

    assertThat(changed.status()).isEqualTo(303);
    assertThat(changed.location()).hasValue("/account/password?notice=password-changed");
    assertThat(here.follow(changed).text()).contains("Your password was changed");
    assertThat(elsewhere.get("/").status()).isEqualTo(303);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(401);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, NEW).status()).isEqualTo(303);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(AuditEventType.PASSWORD_CHANGED);
  }

  @Test
  void aWrongCurrentPassword_isShownByItsFieldInTheSummaryAndThrottled() {
    Browser here = signedInOlivia();

    Response wrong =
        submit(here, "/account/password", "/account/password", change("wrong-guess-1", NEW, NEW));

    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body())
        .contains("id=\"current-error\"", "href=\"#current\"", "aria-invalid=\"true\"")
        .doesNotContain(NEW);
    Response last = wrong;
    for (int i = 0; i < 6 && last.status() != 429; i++) {
      last =
          submit(
              here, "/account/password", "/account/password", change("wrong-guess-" + i, NEW, NEW));
    }
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.header("Retry-After")).isPresent();
    assertThat(last.text()).contains("Too many failed attempts");
  }

  @Test
  void aWeakOrMistypedNewPassword_isRefusedByField() {
    Browser here = signedInOlivia();

    Response weak =
        submit(
            here,
            "/account/password",
            "/account/password",
            change(TestPanel.PASSWORD, "short", "shorter"));

    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.body()).contains("id=\"password-error\"", "id=\"repeat-error\"");
    assertThat(weak.text()).contains("at least 12 characters", "The two new passwords differ.");
  }

  @Test
  void hostileInput_isRefusedBeforeTheUseCase() {
    Browser here = signedInOlivia();

    for (String bad : new String[] {"x".repeat(5_000), "line\nbreak-password", "tab\tpassword-1"}) {
      Response refused =
          submit(here, "/account/password", "/account/password", change(bad, bad, bad));
      assertThat(refused.status()).as(bad.substring(0, 4)).isEqualTo(422);
      assertThat(refused.body()).doesNotContain(bad);
    }
    Response withoutToken = here.post("/account/password", change(TestPanel.PASSWORD, NEW, NEW));
    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .doesNotContain(AuditEventType.PASSWORD_CHANGED, AuditEventType.PASSWORD_CHANGE_FAILED);
  }

  @Test
  void anAdministratorsReset_isConfirmedFirstAndShowsTheTemporaryPasswordOnce() {
    Browser oliviaBrowser = signedInOlivia();

    Response confirm = admin.get(resetPage());
    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.text()).contains("signs them out everywhere", "shown to you once");
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .doesNotContain(AuditEventType.PASSWORD_RESET);

    Response reset = submit(admin, resetPage(), resetPage(), Map.of());

    assertThat(reset.status()).isEqualTo(200);
    assertThat(reset.header("Cache-Control")).hasValue("no-store");
    String temporary = Html.textOfClass(reset.body(), "temporary-password").orElseThrow();
    assertThat(temporary).matches("[a-z2-9]{5}(-[a-z2-9]{5}){3}");
    assertThat(oliviaBrowser.get("/").status()).isEqualTo(303);
    assertThat(panel.audit.all().toString()).doesNotContain(temporary);
    assertThat(admin.get("/admin/operators/" + olivia.id()).body()).doesNotContain(temporary);

    // With the temporary password, every page leads to choosing a new one.
    Browser next = panel.browser();
    assertThat(signIn(next, TestPanel.OPERATOR, temporary).status()).isEqualTo(303);
    assertThat(next.get("/").location()).hasValue("/account/password");
    assertThat(next.get("/account/security").location()).hasValue("/account/password");
    Response step = next.get("/account/password");
    assertThat(step.text()).contains("Choose a new password").doesNotContain("Current password");

    Response chosen = submit(next, "/account/password", "/account/password", change("", NEW, NEW));
    assertThat(chosen.location()).hasValue("/?notice=password-changed");
    assertThat(next.get("/").status()).isEqualTo(200);
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, temporary).status()).isEqualTo(401);
  }

  @Test
  void theTemporaryPassword_cannotBeKept() {
    String temporary =
        Html.textOfClass(
                submit(admin, resetPage(), resetPage(), Map.of()).body(), "temporary-password")
            .orElseThrow();
    Browser next = panel.browser();
    signIn(next, TestPanel.OPERATOR, temporary);

    Response kept =
        submit(next, "/account/password", "/account/password", change("", temporary, temporary));

    assertThat(kept.status()).isEqualTo(422);
    assertThat(kept.text()).contains("Choose a password other than your current one.");
  }

  @Test
  void anAdministrator_isSentToTheirOwnPageForTheirOwnPassword() {
    Operator root = panel.operator(TestPanel.ADMIN);

    Response own = admin.get("/admin/operators/" + root.id() + "/reset-password");

    assertThat(own.location()).hasValue("/account/password");
  }

  @Test
  void anOperator_cannotResetAnotherOperatorsPassword() {
    Browser oliviaBrowser = signedInOlivia();
    Operator root = panel.operator(TestPanel.ADMIN);

    assertThat(oliviaBrowser.get("/admin/operators/" + root.id() + "/reset-password").status())
        .isEqualTo(403);
  }
}
