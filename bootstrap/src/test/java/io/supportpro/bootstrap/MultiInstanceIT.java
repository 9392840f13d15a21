package io.supportpro.bootstrap;

import static io.supportpro.adapter.in.web.testing.PanelSteps.SESSION_COOKIE;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signIn;
import static io.supportpro.adapter.in.web.testing.PanelSteps.signOut;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.adapter.in.web.testing.Browser;
import io.supportpro.adapter.in.web.testing.Response;
import io.supportpro.adapter.out.duo.DuoSecurityPlugin;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.plugin.PluginState;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances of the panel on one PostgreSQL, as behind a load balancer. */
class MultiInstanceIT {
  private Panel a;
  private Panel b;

  @BeforeEach
  void start() {
    a = Panel.start(Store.POSTGRESQL);
    b = a.another();
  }

  @AfterEach
  void stop() {
    b.close();
    a.close();
  }

  /** A browser whose requests go to one instance or the other, with one cookie jar. */
  private static Browser on(Panel panel, Browser cookiesFrom) {
    Browser browser = panel.browser();
    cookiesFrom.cookies().forEach(browser::setCookie);
    return browser;
  }

  @Test
  void aSessionCreatedOnOneInstanceIsValidOnTheOther_andSignOutOnEitherEndsIt() {
    a.operator("alice", "operator");
    Browser onA = a.browser();
    assertThat(signIn(onA, "alice", Panel.PASSWORD).status()).isEqualTo(303);

    Browser onB = on(b, onA);
    assertThat(onB.get("/").status()).isEqualTo(200);

    signOut(onB, "/");
    assertThat(onA.get("/").status()).isEqualTo(303);
  }

  @Test
  void aFormShownByOneInstanceIsAcceptedByTheOther() {
    a.operator("alice", "operator");
    Browser onA = a.browser();
    Response form = onA.get("/login");
    Browser onB = on(b, onA);

    Response signedIn =
        onB.post(
            "/login",
            Map.of(
                "csrf",
                io.supportpro.adapter.in.web.testing.Html.csrf(form.body()),
                "next",
                "/",
                "login",
                "alice",
                "password",
                Panel.PASSWORD));

    assertThat(signedIn.status()).isEqualTo(303);
  }

  @Test
  void aDuoSignInStartedOnOneInstanceCompletesOnTheOther() {
    Operator alice = a.operator("alice", "operator");
    DuoSetup.enable(a, "closed", alice);
    DuoEmulators.shared().allow("alice");
    Browser onA = a.browser();
    URI callback = DuoPrompt.answer(DuoPrompt.passwordToPrompt(onA, "alice"), true);
    // The emulator sends the browser back to A's address; the load balancer picks B instead.
    Browser onB = on(b, onA);

    Response signedIn = onB.get(DuoPrompt.pathAndQuery(callback));

    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(303);
    assertThat(on(a, onB).get("/").status()).isEqualTo(200);
    assertThat(onB.cookie(SESSION_COOKIE)).isPresent();
  }

  @Test
  void throttlingCountsFailuresOnBothInstancesTogether() {
    a.operator("alice", "operator");
    for (int i = 0; i < 5; i++) {
      Panel instance = i % 2 == 0 ? a : b;
      assertThat(signIn(instance.browser(), "alice", "Not-the-password-" + i).status())
          .isIn(401, 429);
    }

    assertThat(signIn(b.browser(), "alice", Panel.PASSWORD).status()).isEqualTo(429);
    assertThat(signIn(a.browser(), "alice", Panel.PASSWORD).status()).isEqualTo(429);
  }

  @Test
  void concurrentLifecycleActionsFromBothInstances_endInALegalStateAndAreAudited()
      throws Exception {
    Actor admin = Actor.system("test");
    var plugin = new PluginCommand(admin, DuoSecurityPlugin.ID);
    a.services().plugins().install(plugin);
    a.services().plugins().activate(plugin);
    var start = new CountDownLatch(1);
    List<Function<Panel, PluginTransitionResult>> actions =
        List.of(
            p -> p.services().plugins().uninstall(plugin),
            p -> p.services().plugins().uninstall(plugin),
            p -> p.services().plugins().deactivate(plugin),
            p -> p.services().plugins().activate(plugin));
    List<Future<PluginTransitionResult>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Function<Panel, PluginTransitionResult> action : actions) {
        for (Panel instance : List.of(a, b)) {
          results.add(
              pool.submit(
                  () -> {
                    start.await();
                    return action.apply(instance);
                  }));
        }
      }
      start.countDown();
      long uninstalled = 0;
      for (Future<PluginTransitionResult> result : results) {
        if (result.get() instanceof PluginTransitionResult.Changed changed
            && changed.to() == PluginState.AVAILABLE) {
          uninstalled++;
        }
      }
      // Once uninstalled, nothing in the race can bring the plugin back.
      assertThat(uninstalled).isOne();
    }

    assertThat(a.services().plugins().find(DuoSecurityPlugin.ID).orElseThrow().state())
        .isEqualTo(PluginState.AVAILABLE);
    assertThat(b.services().plugins().find(DuoSecurityPlugin.ID).orElseThrow().state())
        .isEqualTo(PluginState.AVAILABLE);
    long transitions =
        a.count(
            "select count(*) from audit_event where event_type in"
                + " ('PLUGIN_UNINSTALLED', 'PLUGIN_DEACTIVATED', 'PLUGIN_ACTIVATED',"
                + " 'PLUGIN_ACTION_REFUSED')");
    // Two set-up transitions, then one audit entry for each of the eight racing actions.
    assertThat(transitions).isEqualTo(1 + 8);
    assertThat(a.count("select count(*) from installed_plugin")).isZero();
  }
}
