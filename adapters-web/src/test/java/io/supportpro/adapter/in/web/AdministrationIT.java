package io.supportpro.adapter.in.web;

import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Html;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.in.web.testing.TestPanel;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.audit.RepeatKey;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.session.SessionKey;
import io.supportpro.domain.session.SessionToken;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AdministrationIT {
  @AutoClose private final TestPanel panel = TestPanel.start();
  private final Browser admin = panel.signedIn(TestPanel.ADMIN);
  private final Operator olivia = panel.operator(TestPanel.OPERATOR);

  private String page(Operator operator) {
    return "/admin/operators/" + operator.id();
  }

  /** The text of the audit log's table only: the filter's drop-down lists every label. */
  private static String events(Response page) {
    String body = page.body();
    int start = body.indexOf("<tbody>");
    return start < 0 ? "" : Html.text(body.substring(start, body.indexOf("</tbody>")));
  }

  @Test
  void aListThatFitsOnOnePage_showsNoPaging() {
    Response operators = admin.get("/admin/operators");
    Response throttles = admin.get("/admin/throttles");

    for (Response list : List.of(operators, throttles)) {
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.text()).doesNotContain("Page 1 of", "Previous", "Next");
      assertThat(list.body()).doesNotContain("class=\"pagination\"");
    }
    String afterEveryone = "ffffffff-ffff-4fff-bfff-ffffffffffff:zzz";
    Response pastTheEnd = admin.get("/admin/operators?after=" + afterEveryone);
    assertThat(pastTheEnd.text()).contains("No operators match.");
    assertThat(Html.link(pastTheEnd.body(), "First page")).hasValue("/admin/operators");
  }

  @Test
  void theOperatorList_isSearchableAndPagedBy25() {
    for (int i = 0; i < 30; i++) {
      panel.create("agent%02d".formatted(i), "operator");
    }

    Response first = admin.get("/admin/operators");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().split("<tr>", -1)).hasSize(1 + 1 + 25);
    assertThat(first.text()).contains("admin", "agent00", "agent23").doesNotContain("olivia");
    assertThat(Html.link(first.body(), "prev")).isEmpty();
    Operator lastShown = panel.operator("agent23");
    String next = "/admin/operators?after=" + lastShown.id() + "%3Aagent23";
    assertThat(Html.link(first.body(), "next")).hasValue(next);

    Response second = admin.get(next);
    assertThat(second.text()).contains("agent24", "agent29", "olivia").doesNotContain("agent23");
    assertThat(Html.link(second.body(), "next")).isEmpty();
    Operator firstShown = panel.operator("agent24");
    String previous = "/admin/operators?before=" + firstShown.id() + "%3Aagent24";
    assertThat(Html.link(second.body(), "prev")).hasValue(previous);
    assertThat(Html.link(second.body(), "First page")).hasValue("/admin/operators");

    Response back = admin.get(previous);
    assertThat(back.body().split("<tr>", -1)).hasSize(1 + 1 + 25);
    assertThat(back.text()).contains("admin", "agent23").doesNotContain("agent24");
    assertThat(Html.link(back.body(), "prev")).isEmpty();
    assertThat(Html.link(back.body(), "next")).hasValue(next);

    Response search = admin.get("/admin/operators?q=OLI");
    assertThat(search.text()).contains("olivia", "olivia@example.com", "Operator", "Active");
    assertThat(search.text()).doesNotContain("agent00");
    assertThat(search.body()).contains("value=\"OLI\"");
    assertThat(search.text()).contains("Finds the beginning of any word");
    assertThat(admin.get("/admin/operators?q=LIVIA").text())
        .contains("No operators match.")
        .doesNotContain("olivia@example.com");
  }

  @Test
  void thePagePosition_isValidatedAndOneOfNobodyStillLeadsSomewhere() {
    String nobody = "0f8fad5b-d9cb-469f-a165-70867728950e";
    Response afterNobody = admin.get("/admin/operators?after=" + nobody + ":b");
    assertThat(afterNobody.status()).isEqualTo(200);
    assertThat(afterNobody.body().split("<tr>", -1)).as("olivia alone").hasSize(1 + 1 + 1);
    assertThat(afterNobody.text()).contains("olivia@example.com");
    assertThat(admin.get("/admin/operators?before=" + nobody + ":" + "z".repeat(128)).status())
        .isEqualTo(200);

    for (String bad :
        List.of(
            "after=abc",
            "after=" + nobody,
            "after=" + nobody + ":",
            "after=" + nobody + "-ada",
            "after=" + nobody + ":" + "z".repeat(129),
            // PostgreSQL refuses a NUL in a text parameter; no username holds a control character.
            "after=" + nobody + ":%00",
            "before=" + nobody + ":ad%0Aa",
            "after=not-a-uuid-but-36-characters-long!:ada",
            "before=%27%20OR%201%3D1%20--",
            "before=" + nobody.toUpperCase(java.util.Locale.ROOT).replace('F', 'G') + ":ada",
            "after=" + "9".repeat(5_000),
            "after=" + nobody + ":ada&before=" + nobody + ":ada",
            "after=" + nobody + "%00:ada")) {
      Response refused = admin.get("/admin/operators?" + bad);
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.text()).as(bad).contains("The position of a page is");
    }
    assertThat(admin.get("/admin/throttles?page=x").status()).isEqualTo(400);
  }

  @Test
  void creatingAnOperator_redirectsToTheirPageWithANotice() {
    Response created =
        submit(
            admin,
            "/admin/operators/new",
            "/admin/operators",
            fields(
                "grace", "grace@example.com", "Grace Hopper", "administrator", "COBOL-was-1959!"));

    assertThat(created.status()).isEqualTo(303);
    Operator grace = panel.operator("grace");
    assertThat(created.location()).hasValue(page(grace) + "?notice=created");
    Response graces = admin.follow(created);
    assertThat(graces.text())
        .contains("The operator was created.", "Grace Hopper", "Administrator");
    assertThat(grace.role()).isEqualTo(Role.ADMINISTRATOR);
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(AuditEventType.OPERATOR_CREATED);
  }

  @Test
  void anInvalidNewOperator_showsEachProblemNextToItsFieldAndKeepsAllButThePassword() {
    Response invalid =
        submit(
            admin,
            "/admin/operators/new",
            "/admin/operators",
            fields("Grace Hopper", "not an e-mail", "<i>Grace</i>", "administrator", "short"));

    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body())
        .contains("id=\"username-error\"", "id=\"email-error\"", "id=\"password-error\"")
        .doesNotContain("id=\"displayName-error\"", "id=\"role-error\"")
        .contains("aria-describedby=\"email-error\"")
        .contains("value=\"not an e-mail\"", "value=\"&lt;i&gt;Grace&lt;/i&gt;\"")
        .doesNotContain("value=\"short\"", "<i>Grace</i>");
    assertThat(invalid.text())
        .contains("A username may hold only letters, digits, dots, dashes and underscores.")
        .contains("A password has at least 12 characters.");
    assertThat(Html.inputValue(invalid.body(), "username")).hasValue("Grace Hopper");
    assertThat(invalid.body()).containsPattern("<option value=\"administrator\" selected");

    Response taken =
        submit(
            admin,
            "/admin/operators/new",
            "/admin/operators",
            fields("olivia", "other@example.com", "Olivia Two", "operator", "COBOL-was-1959!"));
    assertThat(taken.status()).isEqualTo(422);
    assertThat(taken.body()).contains("id=\"username-error\"");
    assertThat(taken.text()).contains("That username is already taken.");
  }

  @Test
  void editingAnOperator_savesOrShowsTheProblems() {
    Response form = admin.get(page(olivia));
    assertThat(form.text())
        .contains("Operator olivia", "Not set up", "Deactivate")
        .contains("Nothing to reset: this operator has no authenticator app")
        .doesNotContain("Reset 2FA");
    enrol(olivia);
    assertThat(admin.get(page(olivia)).text()).contains("Authenticator app set up", "Reset 2FA");

    Response saved =
        submit(
            admin,
            page(olivia),
            page(olivia),
            Map.of("email", "liv@example.com", "displayName", "Olivia O.", "role", "operator"));
    assertThat(saved.location()).hasValue(page(olivia) + "?notice=updated");
    assertThat(admin.follow(saved).text())
        .contains("The changes to the operator were saved.", "Olivia O.");
    assertThat(panel.operator(TestPanel.OPERATOR).email().value()).isEqualTo("liv@example.com");

    Response invalid =
        submit(
            admin,
            page(olivia),
            page(olivia),
            Map.of("email", "liv@example.com", "displayName", " ", "role", "king"));
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.body()).contains("id=\"displayName-error\"", "id=\"role-error\"");
    assertThat(invalid.text())
        .contains("A display name has 1 to 100 characters.")
        .contains("The changes were not saved.");

    Response taken =
        submit(
            admin,
            page(olivia),
            page(olivia),
            Map.of("email", "admin@example.com", "displayName", "Olivia", "role", "operator"));
    assertThat(taken.status()).isEqualTo(422);
    assertThat(taken.body()).contains("id=\"email-error\"", "value=\"admin@example.com\"");
    assertThat(taken.text()).contains("That e-mail address is already in use.");
  }

  @Test
  void theLastActiveAdministrator_cannotBeDemotedOrDeactivated() {
    Operator me = panel.operator(TestPanel.ADMIN);

    Response demoted =
        submit(
            admin,
            page(me),
            page(me),
            Map.of("email", "admin@example.com", "displayName", "Admin", "role", "operator"));
    Response deactivated = submit(admin, page(me), page(me) + "/deactivate", Map.of());

    for (Response refused : List.of(demoted, deactivated)) {
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.text())
          .contains(
              "This is the last active administrator; make someone else an administrator first.");
    }
    assertThat(panel.operator(TestPanel.ADMIN).isActiveAdministrator()).isTrue();
  }

  @Test
  void anEditSavedAfterADeactivation_keepsTheOperatorDeactivated() {
    Browser other = panel.browser();
    panel.create("second", "administrator");
    signIn(other, "second", TestPanel.PASSWORD);
    Response form = admin.get(page(olivia));
    assertThat(form.text()).contains("Deactivate");

    submit(other, page(olivia), page(olivia) + "/deactivate", Map.of());
    Response saved =
        admin.post(
            page(olivia),
            Map.of(
                "csrf",
                Html.csrf(form.body()),
                "email",
                "olivia@example.com",
                "displayName",
                "Olivia O.",
                "role",
                "operator"));

    assertThat(saved.location()).hasValue(page(olivia) + "?notice=updated");
    Operator stored = panel.operator(TestPanel.OPERATOR);
    assertThat(stored.active()).isFalse();
    assertThat(stored.displayName().value()).isEqualTo("Olivia O.");
    assertThat(signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(403);
    assertThat(panel.audit.all())
        .filteredOn(e -> e.type() == AuditEventType.OPERATOR_UPDATED)
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.details())
                    .containsEntry("display_name", "Operator olivia -> Olivia O.")
                    .doesNotContainKeys("active", "email", "role"));
  }

  @Test
  void deactivatingAnOperator_endsTheirSessionsUntilReactivated() {
    Browser oliviasBrowser = panel.browser();
    signIn(oliviasBrowser, TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response deactivated = submit(admin, page(olivia), page(olivia) + "/deactivate", Map.of());
    assertThat(deactivated.location()).hasValue(page(olivia) + "?notice=deactivated");
    assertThat(admin.follow(deactivated).text()).contains("Deactivated", "Reactivate");
    assertThat(oliviasBrowser.get("/").status()).isEqualTo(303);
    assertThat(signIn(oliviasBrowser, TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(403);

    Response reactivated = submit(admin, page(olivia), page(olivia) + "/reactivate", Map.of());
    assertThat(reactivated.location()).hasValue(page(olivia) + "?notice=reactivated");
    assertThat(signIn(oliviasBrowser, TestPanel.OPERATOR, TestPanel.PASSWORD).status())
        .isEqualTo(303);
  }

  /** Sets up an authenticator app for the operator, with two recovery codes. */
  private void enrol(Operator operator) {
    SessionKey setUp = SessionToken.random().key();
    panel.totp.savePending(operator.id(), setUp, "v1:secret", panel.clock.now());
    panel.totp.confirm(
        operator.id(), setUp, "v1:secret", 1, List.of("a".repeat(64), "b".repeat(64)));
  }

  @Test
  void resettingTwoFactor_isAuditedAndAnnounced() {
    enrol(olivia);
    Response reset =
        submit(admin, page(olivia) + "/reset-2fa", page(olivia) + "/reset-2fa", Map.of());

    assertThat(reset.location()).hasValue(page(olivia) + "?notice=2fa-reset");
    assertThat(admin.follow(reset).text()).contains("Two-factor authentication was reset");
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(AuditEventType.TWO_FACTOR_RESET);
  }

  @Test
  void anUnknownOrMalformedOperator_isAPageThatIsNotThere() {
    String csrf = Html.csrf(admin.get("/admin/operators").body());
    for (String id : List.of(UUID.randomUUID().toString(), "not-an-id", "%3Cscript%3E")) {
      Response get = admin.get("/admin/operators/" + id);
      assertThat(get.status()).as(id).isEqualTo(404);
      assertThat(get.text()).contains("Page not found");
      assertThat(
              admin.post("/admin/operators/" + id + "/deactivate", Map.of("csrf", csrf)).status())
          .as(id)
          .isEqualTo(404);
      assertThat(
              admin
                  .post(
                      "/admin/operators/" + id,
                      Map.of(
                          "csrf",
                          csrf,
                          "email",
                          "x@example.com",
                          "displayName",
                          "X",
                          "role",
                          "operator"))
                  .status())
          .isEqualTo(404);
    }
  }

  @Test
  void theSettingsPage_turnsForceTwoFactorOnAndOff() {
    assertThat(admin.get("/admin/settings").body())
        .contains(
            "<label for=\"requireTwoFactor\">Require two-factor authentication for every operator</label>")
        .doesNotContain("checked");

    Response on =
        submit(admin, "/admin/settings", "/admin/settings", Map.of("requireTwoFactor", "true"));
    assertThat(on.location()).hasValue("/admin/settings?notice=settings-saved");
    assertThat(panel.settings.forceTwoFactor()).isTrue();
    assertThat(admin.follow(on).body()).contains("checked=\"checked\"");

    Response off = submit(admin, "/admin/settings", "/admin/settings", Map.of());
    assertThat(off.status()).isEqualTo(303);
    assertThat(panel.settings.forceTwoFactor()).isFalse();
    assertThat(panel.audit.all())
        .filteredOn(event -> event.type() == AuditEventType.SETTING_CHANGED)
        .hasSize(2);
  }

  @Test
  void theAuditLog_filtersByOperatorTypeAndDay() {
    signIn(panel.browser(), TestPanel.OPERATOR, "wrong-password-here");
    signIn(panel.browser(), TestPanel.OPERATOR, TestPanel.PASSWORD);

    Response all = admin.get("/admin/audit");
    assertThat(all.status()).isEqualTo(200);
    assertThat(events(all))
        .contains("Sign-in failed", "Signed in", "127.0.0.1", "5 Jan 2026, 09:00:00 UTC");

    Response byType = admin.get("/admin/audit?type=SIGN_IN_FAILED");
    assertThat(events(byType)).contains("reason: invalid credentials").doesNotContain("Signed in");
    assertThat(byType.body()).containsPattern("<option value=\"SIGN_IN_FAILED\" selected");

    Response byUsername = admin.get("/admin/audit?operator=OLIVIA&type=SIGN_IN_SUCCEEDED");
    assertThat(events(byUsername)).contains("Signed in").contains("olivia");
    Response byId = admin.get("/admin/audit?operator=" + olivia.id() + "&type=SIGN_IN_SUCCEEDED");
    assertThat(events(byId)).contains("Signed in");
    Response byEmail =
        admin.get("/admin/audit?operator=Olivia%40Example.com&type=SIGN_IN_SUCCEEDED");
    assertThat(byEmail.status()).isEqualTo(200);
    assertThat(events(byEmail)).contains("Signed in");
    assertThat(byEmail.text()).doesNotContain("No events match.");
    Response otherUser = admin.get("/admin/audit?operator=admin&type=SIGN_IN_FAILED");
    assertThat(otherUser.text()).contains("No events match.");
    Response nobody = admin.get("/admin/audit?operator=nobody-at-all");
    assertThat(nobody.status()).isEqualTo(400);
    assertThat(nobody.text())
        .contains("No operator has this username, e-mail address or identity.");

    assertThat(events(admin.get("/admin/audit?from=2026-01-05&to=2026-01-05")))
        .contains("Sign-in failed");
    assertThat(admin.get("/admin/audit?from=2026-01-06").text()).contains("No events match.");
    assertThat(admin.get("/admin/audit?to=2026-01-04").text()).contains("No events match.");
  }

  @Test
  void badAuditFilters_areShownNextToTheirFieldWith400() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("type=NOT_A_TYPE", "type-error");
    cases.put("from=05%2F01%2F2026", "from-error");
    cases.put("to=2026-02-30", "to-error");
    cases.put("from=2026-02-01&to=2026-01-01", "to-error");
    cases.put("operator=nobody-at-all", "operator-error");
    cases.put("operator=%3Cb%3E", "operator-error");
    cases.put("older=-5", "older");
    cases.forEach(
        (query, field) -> {
          Response refused = admin.get("/admin/audit?" + query);
          assertThat(refused.status()).as(query).isEqualTo(400);
          assertThat(refused.body())
              .as(query)
              .contains(field.equals("older") ? "alert-error" : "id=\"" + field + "\"");
          assertThat(refused.body()).doesNotContain("<b>");
        });
  }

  @Test
  void theAuditLog_pagesBy50WithAnOlderLinkThatKeepsTheFilters() {
    Actor actor = Actor.anonymous("<script>x</script>", "192.0.2.1");
    for (int i = 0; i < 60; i++) {
      panel.audit.append(
          new AuditEvent(
              Instant.parse("2026-01-05T10:00:00Z").plusSeconds(i),
              AuditEventType.SIGN_IN_FAILED,
              actor,
              "subject-" + i,
              Map.of("reason", "<b>n" + i + "</b>")));
    }

    Response newest = admin.get("/admin/audit?type=SIGN_IN_FAILED&from=2026-01-05");
    assertThat(newest.body().split("<time ", -1)).hasSize(51);
    assertThat(newest.text()).contains("subject-59").doesNotContain("subject-9 ");
    assertThat(newest.body())
        .contains("&lt;script&gt;x&lt;/script&gt;", "reason: &lt;b&gt;n59&lt;/b&gt;")
        .doesNotContain("<script>x", "<b>n59");
    String older =
        Html.unescape(
            newest.body().replaceAll("(?s).*<a href=\"([^\"]*)\" rel=\"next\">Older</a>.*", "$1"));
    assertThat(older).startsWith("/admin/audit?type=SIGN_IN_FAILED&from=2026-01-05&older=");

    Response rest = admin.get(older);
    assertThat(rest.body().split("<time ", -1)).hasSize(11);
    assertThat(rest.text()).contains("subject-0", "subject-9").doesNotContain("Older");
  }

  @Test
  void theAuditLog_showsHowOftenARepeatedRefusalHappenedAndWhenFirstAndLast() {
    Instant first = Instant.parse("2026-01-05T09:00:00Z");
    RepeatKey key = RepeatKey.of("account:ghost", first, Duration.ofHours(1));
    for (int i = 0; i < 1_996; i++) {
      panel.audit.appendOrCount(
          AuditEvent.of(
              first.plusSeconds(i),
              AuditEventType.SIGN_IN_THROTTLED,
              Actor.anonymous("ghost", "192.0.2.9"),
              ""),
          key);
    }

    Response page = admin.get("/admin/audit?type=SIGN_IN_THROTTLED");

    assertThat(events(page))
        .contains("Sign-in throttled", "1,996 times", "ghost", "192.0.2.9")
        .contains("5 Jan 2026, 09:00:00 UTC to 5 Jan 2026, 09:33:15 UTC");
    assertThat(page.body().split("<tr>", -1)).as("one row, under the header's").hasSize(3);
  }

  @Test
  void theThrottlesPage_listsFailuresAndClearsThem() {
    Browser attacker = panel.browser();
    for (int i = 0; i < 3; i++) {
      signIn(attacker, "ghost", "guess-" + i);
    }

    Response list = admin.get("/admin/throttles");
    assertThat(list.text()).contains("Account", "ghost", "Client address", "127.0.0.1", "3");

    Response cleared =
        submit(
            admin,
            "/admin/throttles",
            "/admin/throttles/clear",
            Map.of("kind", "ACCOUNT", "value", "ghost"));
    assertThat(cleared.location()).hasValue("/admin/throttles?notice=throttle-cleared");
    Response after = admin.follow(cleared);
    assertThat(after.text()).contains("The failed attempts were cleared.").doesNotContain("ghost");
    assertThat(panel.audit.all())
        .extracting(AuditEvent::type)
        .contains(AuditEventType.SIGN_IN_THROTTLE_CLEARED);

    Response badKind =
        submit(
            admin,
            "/admin/throttles",
            "/admin/throttles/clear",
            Map.of("kind", "EVERYTHING", "value", "x"));
    assertThat(badKind.status()).isEqualTo(400);
  }

  @Test
  void anEmptySignIn_isCountedForTheAddressWithoutABlankAccountRow() {
    Browser attacker = panel.browser();
    for (int i = 0; i < 2; i++) {
      assertThat(signIn(attacker, "  ", "guess-" + i).status()).isEqualTo(401);
    }

    Response list = admin.get("/admin/throttles");
    assertThat(list.text()).contains("Client address 127.0.0.1 2 ");
    assertThat(list.body()).doesNotContain("<td>Account</td>");
  }

  @Test
  void theThrottlesPage_namesAnOperatorsAccountByItsUsernameAndClearsIt() {
    Browser attacker = panel.browser();
    signIn(attacker, TestPanel.OPERATOR, "guess-1");
    signIn(attacker, TestPanel.OPERATOR.toUpperCase(java.util.Locale.ROOT), "guess-2");

    Response list = admin.get("/admin/throttles");
    assertThat(list.text())
        .containsPattern("Account " + TestPanel.OPERATOR + " 2 ")
        .doesNotContain(olivia.id().toString());

    Response cleared =
        submit(
            admin,
            "/admin/throttles",
            "/admin/throttles/clear",
            Map.of("kind", "ACCOUNT", "value", olivia.id().toString()));
    assertThat(cleared.location()).hasValue("/admin/throttles?notice=throttle-cleared");
    assertThat(admin.follow(cleared).text()).doesNotContain("Account " + TestPanel.OPERATOR);
  }

  @Test
  void theThrottlesPage_showsALockOnlyWhileItLasts() {
    Browser attacker = panel.browser();
    for (int i = 0; i < 10 && signIn(attacker, "ghost", "guess-" + i).status() != 429; i++) {
      // Until the account is locked.
    }

    assertThat(admin.get("/admin/throttles").text())
        .containsPattern(
            "Account ghost \\d+ 5 Jan 2026, 09:\\d\\d:\\d\\d UTC 5 Jan 2026, 09:\\d\\d:\\d\\d UTC Clear");
    panel.clock.advance(java.time.Duration.ofMinutes(2));
    assertThat(admin.get("/admin/throttles").text())
        .containsPattern("Account ghost \\d+ 5 Jan 2026, 09:\\d\\d:\\d\\d UTC — Clear");
  }

  @Test
  void aNonAdministrator_isRefusedEveryAdministrationPageAndTheRefusalIsAudited() {
    Browser operator = panel.browser();
    signIn(operator, TestPanel.OPERATOR, TestPanel.PASSWORD);
    String csrf = Html.csrf(operator.get("/").body());
    List<String> pages =
        List.of(
            "/admin/operators",
            "/admin/operators/new",
            page(olivia),
            "/admin/settings",
            "/admin/audit",
            "/admin/throttles");
    List<String> forms =
        List.of(
            "/admin/operators",
            page(olivia),
            page(olivia) + "/deactivate",
            page(olivia) + "/reactivate",
            page(olivia) + "/reset-2fa",
            "/admin/settings",
            "/admin/throttles/clear");

    for (String path : pages) {
      Response refused = operator.get(path);
      assertThat(refused.status()).as(path).isEqualTo(403);
      assertThat(refused.text()).as(path).contains("You do not have access to this page");
      PagesIT.assertWellFormedPage(refused);
    }
    for (String path : forms) {
      Response refused = operator.post(path, Map.of("csrf", csrf, "requireTwoFactor", "true"));
      assertThat(refused.status()).as(path).isEqualTo(403);
    }

    assertThat(panel.settings.forceTwoFactor()).isFalse();
    assertThat(panel.operator(TestPanel.OPERATOR).active()).isTrue();
    List<AuditEvent> denied =
        panel.audit.all().stream().filter(e -> e.type() == AuditEventType.ACCESS_DENIED).toList();
    assertThat(denied).hasSize(pages.size() + forms.size());
    assertThat(denied).extracting(AuditEvent::subject).containsAll(pages).containsAll(forms);
    assertThat(denied).allSatisfy(e -> assertThat(e.actor().name()).isEqualTo("olivia"));
  }

  private static Map<String, String> fields(
      String username, String email, String displayName, String role, String password) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("username", username);
    fields.put("email", email);
    fields.put("displayName", displayName);
    fields.put("role", role);
    fields.put("password", password);
    return fields;
  }
}
