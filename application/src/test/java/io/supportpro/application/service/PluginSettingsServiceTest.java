package io.supportpro.application.service;

import static io.supportpro.application.testing.FakePromptPlugin.CLIENT_ID;
import static io.supportpro.application.testing.FakePromptPlugin.CLIENT_SECRET;
import static io.supportpro.application.testing.FakePromptPlugin.FAIL_MODE;
import static io.supportpro.application.testing.FakePromptPlugin.PROMPT_HOST;
import static io.supportpro.application.testing.FakePromptPlugin.PROMPT_PORT;
import static io.supportpro.domain.fixtures.OperatorFixtures.actingAs;
import static io.supportpro.domain.fixtures.OperatorFixtures.administrator;
import static org.assertj.core.api.Assertions.assertThat;

import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PluginSettingsView;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.SavePluginSettingsResult.Invalid;
import io.supportpro.application.port.in.SavePluginSettingsResult.NotActive;
import io.supportpro.application.port.in.SavePluginSettingsResult.Saved;
import io.supportpro.application.port.in.SavePluginSettingsResult.UnknownPlugin;
import io.supportpro.application.port.out.Plugin;
import io.supportpro.application.port.out.PromptMethod;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryAuditLog;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.application.testing.InMemoryPluginRepository;
import io.supportpro.application.testing.MutableClock;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.audit.AuditEvent;
import io.supportpro.domain.audit.AuditEventType;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginSettings;
import io.supportpro.domain.plugin.PluginState;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingDefinition.Kind;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PluginSettingsServiceTest {
  private static final String ID = FakePromptPlugin.CLIENT;
  private static final String SECRET = FakePromptPlugin.SECRET;
  private static final String NEW_SECRET = "ZYXWVUTSRQ9876543210zyxwvutsrq9876543210";
  private static final String HOST = FakePromptPlugin.HOST;
  private static final PluginId PROMPT = FakePromptPlugin.ID;
  private static final PluginId NOTES = new PluginId("notes");
  private static final String API_KEY = "notes-api-key-0123";

  private final Actor admin = actingAs(administrator("root"));
  private final InMemoryPluginRepository plugins = new InMemoryPluginRepository();
  private final FakeSecretCipher cipher = new FakeSecretCipher();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final MutableClock clock = MutableClock.atStart();

  /** What the notes plugin's own check answers; clean unless a test says otherwise. */
  private final AtomicReference<
          BiFunction<Map<String, String>, Map<String, Boolean>, SettingsCheck>>
      notesCheck = new AtomicReference<>((typed, secretSaved) -> SettingsCheck.CLEAN);

  private final List<Map<String, Boolean>> notesSecretSaved = new ArrayList<>();

  private final Plugin notes =
      new Plugin() {
        @Override
        public PluginDescriptor descriptor() {
          return new PluginDescriptor(
              NOTES,
              "Notes",
              "Keeps notes.",
              "0.1.0",
              "Acme",
              List.of(
                  new SettingDefinition(
                      "greeting", "Greeting", "Help.", Kind.TEXT, "Hello", List.of()),
                  new SettingDefinition("api_key", "API key", "Help.", Kind.SECRET, "", List.of()),
                  new SettingDefinition(
                      "tone", "Tone", "Help.", Kind.CHOICE, "plain", List.of("plain", "fancy")),
                  new SettingDefinition("limit", "Limit", "Help.", Kind.NUMBER, "10", List.of())));
        }

        @Override
        public SettingsCheck check(Map<String, String> typed, Map<String, Boolean> secretSaved) {
          notesSecretSaved.add(Map.copyOf(secretSaved));
          return notesCheck.get().apply(typed, secretSaved);
        }
      };

  private final InMemoryPluginCatalog catalog =
      new InMemoryPluginCatalog(List.of(new FakePromptPlugin(), notes));
  private final PluginSettingsService service =
      new PluginSettingsService(catalog, plugins, cipher, audit, clock);

  private void given(PluginId plugin, PluginState state) {
    if (state.isInstalled()) {
      plugins.transition(plugin, PluginState.AVAILABLE, PluginState.INACTIVE);
    }
    if (state == PluginState.ACTIVE) {
      plugins.transition(plugin, PluginState.INACTIVE, PluginState.ACTIVE);
    }
  }

  /** Complete prompt settings as an administrator types them, with one value replaced. */
  private static Map<String, String> prompt(String key, String value) {
    Map<String, String> typed = FakePromptPlugin.typed();
    typed.put(key, value);
    return typed;
  }

  private static Map<String, String> prompt() {
    return FakePromptPlugin.typed();
  }

  private static Map<String, String> notes(String key, String value) {
    Map<String, String> typed = new HashMap<>();
    typed.put("greeting", "Hi");
    typed.put("api_key", API_KEY);
    typed.put("tone", "plain");
    typed.put("limit", "10");
    typed.put(key, value);
    return typed;
  }

  private SavePluginSettingsResult save(PluginId plugin, Map<String, String> typed) {
    return service.save(new SavePluginSettingsCommand(admin, plugin, typed));
  }

  private SettingValue storedSecret() {
    return plugins.settings(PROMPT).get(CLIENT_SECRET).orElseThrow();
  }

  // --- view

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void view_isEmptyWhileThePluginIsNotActive(PluginState state) {
    given(PROMPT, state);

    assertThat(service.view(PROMPT)).isEmpty();
  }

  @Test
  void view_isEmptyForAPluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    given(retired, PluginState.ACTIVE);

    assertThat(service.view(retired)).isEmpty();
  }

  @Test
  void view_showsEachPlainSettingWithItsDefaultUntilOneIsSaved() {
    given(NOTES, PluginState.ACTIVE);

    PluginSettingsView view = service.view(NOTES).orElseThrow();

    assertThat(view.plugin())
        .isEqualTo(new PluginOverview(notes.descriptor(), PluginState.ACTIVE, true, false, false));
    assertThat(view.values())
        .containsOnly(
            Map.entry("greeting", "Hello"), Map.entry("tone", "plain"), Map.entry("limit", "10"));
    assertThat(view.savedSecrets()).isEmpty();
  }

  @Test
  void view_showsSavedValuesAndDefaultsForTheRest() {
    given(PROMPT, PluginState.ACTIVE);
    plugins.saveSettingsIfActive(
        PROMPT,
        new PluginSettings(
            Map.of(
                CLIENT_ID,
                new SettingValue(ID, false),
                FAIL_MODE,
                new SettingValue("open", false))));

    PluginSettingsView view = service.view(PROMPT).orElseThrow();

    assertThat(view.values())
        .containsEntry(CLIENT_ID, ID)
        .containsEntry(FAIL_MODE, "open")
        .containsEntry(PROMPT_HOST, "")
        .containsEntry(PROMPT_PORT, "");
    assertThat(view.savedSecrets()).isEmpty();
  }

  @Test
  void view_neverReturnsASecretOnlyThatOneIsSaved() {
    given(PROMPT, PluginState.ACTIVE);
    assertThat(save(PROMPT, prompt())).isInstanceOf(Saved.class);

    PluginSettingsView view = service.view(PROMPT).orElseThrow();

    assertThat(view.savedSecrets()).containsExactly(CLIENT_SECRET);
    assertThat(view.values()).doesNotContainKey(CLIENT_SECRET).containsEntry(CLIENT_ID, ID);
    assertThat(view.values().values()).doesNotContain(SECRET, storedSecret().value());
    assertThat(view.toString()).doesNotContain(SECRET).doesNotContain(storedSecret().value());
  }

  // --- save: refused

  @Test
  void save_answersUnknownPluginForAPluginThatDoesNotShip() {
    PluginId retired = new PluginId("retired");
    given(retired, PluginState.ACTIVE);

    assertThat(save(retired, Map.of("anything", "x"))).isEqualTo(new UnknownPlugin(retired));
    assertThat(plugins.settings(retired)).isEqualTo(PluginSettings.EMPTY);
    assertThat(audit.all()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(
      value = PluginState.class,
      names = {"AVAILABLE", "INACTIVE"})
  void save_answersNotActiveAndStoresNothingWhileThePluginIsNotActive(PluginState state) {
    given(PROMPT, state);

    assertThat(save(PROMPT, prompt())).isEqualTo(new NotActive(PROMPT));
    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void save_keepsTheSettingsOfADeactivatedPluginAsTheyWere() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());
    PluginSettings before = plugins.settings(PROMPT);
    plugins.transition(PROMPT, PluginState.ACTIVE, PluginState.INACTIVE);
    int events = audit.all().size();

    assertThat(save(PROMPT, prompt(FAIL_MODE, "open"))).isEqualTo(new NotActive(PROMPT));
    assertThat(plugins.settings(PROMPT)).isEqualTo(before);
    assertThat(audit.all()).hasSize(events);
  }

  @Test
  void save_refusesInvalidSettingsNamingEachProblemByKey() {
    given(PROMPT, PluginState.ACTIVE);
    Map<String, String> typed = prompt(CLIENT_ID, "too-short");
    typed.put(CLIENT_SECRET, "short");
    typed.put(PROMPT_HOST, "https://" + HOST + "/");

    SavePluginSettingsResult result = save(PROMPT, typed);

    assertThat(result)
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid ->
                assertThat(invalid.check().problems())
                    .containsOnlyKeys(CLIENT_ID, CLIENT_SECRET, PROMPT_HOST));
    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void save_refusedLeavesTheSavedSettingsUntouched() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());
    PluginSettings before = plugins.settings(PROMPT);
    int events = audit.all().size();

    assertThat(save(PROMPT, prompt(PROMPT_HOST, HOST + ":443"))).isInstanceOf(Invalid.class);

    assertThat(plugins.settings(PROMPT)).isEqualTo(before);
    assertThat(audit.all()).hasSize(events);
  }

  @Test
  void save_refusesAnEmptySecretWhenNoneIsSaved() {
    given(PROMPT, PluginState.ACTIVE);

    assertThat(save(PROMPT, prompt(CLIENT_SECRET, "")))
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid -> assertThat(invalid.check().problems()).containsOnlyKeys(CLIENT_SECRET));
  }

  @Test
  void save_refusesAChoiceThatIsNotOneOfItsChoices() {
    given(PROMPT, PluginState.ACTIVE);

    assertThat(save(PROMPT, prompt(FAIL_MODE, "sometimes")))
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid -> assertThat(invalid.check().problems()).containsOnlyKeys(FAIL_MODE));
  }

  @Test
  void save_appliesTheChecksEveryPluginGets() {
    given(NOTES, PluginState.ACTIVE);
    Map<String, String> typed = notes("greeting", "Hi\u0000there");
    typed.put("limit", "ten");
    typed.put("tone", "loud");

    assertThat(save(NOTES, typed))
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid ->
                assertThat(invalid.check().problems())
                    .containsOnlyKeys("greeting", "limit", "tone"));
    assertThat(plugins.settings(NOTES)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void save_appliesThePromptPluginsOwnRules() {
    given(PROMPT, PluginState.ACTIVE);

    assertThat(save(PROMPT, prompt(PROMPT_PORT, "70000")))
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid -> assertThat(invalid.check().problems()).containsOnlyKeys(PROMPT_PORT));
    assertThat(save(PROMPT, prompt(CLIENT_ID, "EXAMPLE-0123456789")))
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid -> assertThat(invalid.check().problems()).containsOnlyKeys(CLIENT_ID));
    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
  }

  @Test
  void save_appliesThePluginsOwnCheckAndShowsItsMessage() {
    given(NOTES, PluginState.ACTIVE);
    notesCheck.set(
        (typed, secretSaved) ->
            typed.get("greeting").startsWith("Hi")
                ? new SettingsCheck(Map.of("greeting", "Say hello properly."), Map.of())
                : SettingsCheck.CLEAN);

    SavePluginSettingsResult result = save(NOTES, notes("greeting", "Hi"));

    assertThat(result)
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid ->
                assertThat(invalid.check().problems())
                    .containsExactly(Map.entry("greeting", "Say hello properly.")));
    assertThat(plugins.settings(NOTES)).isEqualTo(PluginSettings.EMPTY);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void save_givesThePluginsCheckTheTrimmedValuesAndWhichSecretsAreSaved() {
    given(NOTES, PluginState.ACTIVE);
    List<Map<String, String>> seen = new ArrayList<>();
    notesCheck.set(
        (typed, secretSaved) -> {
          seen.add(Map.copyOf(typed));
          return SettingsCheck.CLEAN;
        });

    save(NOTES, notes("greeting", "  Hi  "));
    save(NOTES, notes("api_key", ""));

    assertThat(notesSecretSaved).containsExactly(Map.of("api_key", false), Map.of("api_key", true));
    assertThat(seen.getFirst()).containsEntry("greeting", "Hi").containsEntry("api_key", API_KEY);
    assertThat(seen.getLast()).containsEntry("api_key", "");
  }

  // --- save: saved

  @Test
  void save_storesTheSecretEncryptedNeverAsTyped() {
    given(PROMPT, PluginState.ACTIVE);

    assertThat(save(PROMPT, prompt())).isInstanceOf(Saved.class);

    SettingValue stored = storedSecret();
    assertThat(stored.secret()).isTrue();
    assertThat(stored.value()).isNotEqualTo(SECRET).doesNotContain(SECRET);
    assertThat(cipher.decrypt(stored.value())).isEqualTo(SECRET);
  }

  @Test
  void save_storesPlainValuesTrimmedAndNotMarkedSecret() {
    given(PROMPT, PluginState.ACTIVE);

    save(PROMPT, prompt(CLIENT_ID, "  " + ID + "\t"));

    assertThat(plugins.settings(PROMPT).get(CLIENT_ID)).contains(new SettingValue(ID, false));
    assertThat(plugins.settings(PROMPT).get(FAIL_MODE)).contains(new SettingValue("closed", false));
  }

  @Test
  void save_savedSettingsAreWhatTheSignInReads() {
    given(PROMPT, PluginState.ACTIVE);

    save(PROMPT, prompt(FAIL_MODE, "open"));

    var read =
        (PluginMethods.Lookup.Found<PromptMethod>)
            new PluginMethods(catalog, plugins, cipher).find(PROMPT, PromptMethod.class);
    assertThat(read.settings().values())
        .containsEntry(CLIENT_ID, new SettingValue(ID, false))
        .containsEntry(CLIENT_SECRET, new SettingValue(SECRET, true))
        .containsEntry(PROMPT_HOST, new SettingValue(HOST, false))
        .containsEntry(FAIL_MODE, new SettingValue("open", false));
  }

  @Test
  void save_keepsTheSavedSecretWhenItsFieldIsLeftEmpty() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());
    SettingValue first = storedSecret();

    assertThat(save(PROMPT, prompt(CLIENT_SECRET, ""))).isInstanceOf(Saved.class);

    assertThat(storedSecret()).isEqualTo(first);
    assertThat(cipher.decrypt(storedSecret().value())).isEqualTo(SECRET);
  }

  @Test
  void save_replacesTheSavedSecretWithANewOne() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());
    SettingValue first = storedSecret();

    assertThat(save(PROMPT, prompt(CLIENT_SECRET, NEW_SECRET))).isInstanceOf(Saved.class);

    assertThat(storedSecret()).isNotEqualTo(first);
    assertThat(storedSecret().secret()).isTrue();
    assertThat(cipher.decrypt(storedSecret().value())).isEqualTo(NEW_SECRET);
  }

  @Test
  void save_ignoresKeysThePluginDoesNotDeclare() {
    given(PROMPT, PluginState.ACTIVE);
    Map<String, String> typed = prompt();
    typed.put("is_admin", "true");
    typed.put("redirect_uri", "https://attacker.example/");

    assertThat(save(PROMPT, typed)).isInstanceOf(Saved.class);

    assertThat(plugins.settings(PROMPT).values().keySet())
        .containsExactlyInAnyOrderElementsOf(
            new FakePromptPlugin()
                .descriptor().settings().stream().map(SettingDefinition::key).toList());
    assertThat(audit.all().getLast().details()).doesNotContainKeys("is_admin", "redirect_uri");
  }

  @Test
  void save_refusesAHostTheServerDoesNotAllow_allOrNothing() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());
    PluginSettings before = plugins.settings(PROMPT);
    int events = audit.all().size();
    Map<String, String> typed = prompt(PROMPT_HOST, "intranet.example.internal");
    typed.put(FAIL_MODE, "open");
    typed.put(CLIENT_SECRET, "");

    SavePluginSettingsResult result = save(PROMPT, typed);

    assertThat(result)
        .isInstanceOfSatisfying(
            Invalid.class,
            invalid ->
                assertThat(invalid.check().problems().get(PROMPT_HOST)).contains("not allow"));
    assertThat(plugins.settings(PROMPT)).as("not even the valid fail mode").isEqualTo(before);
    assertThat(audit.all()).hasSize(events);
  }

  @Test
  void view_saysWhetherTheSavedSettingsAreComplete() {
    given(PROMPT, PluginState.ACTIVE);
    assertThat(service.view(PROMPT).orElseThrow().plugin().configured()).isFalse();

    save(PROMPT, prompt());

    assertThat(service.view(PROMPT).orElseThrow().plugin().configured()).isTrue();
  }

  @Test
  void save_returnsThePluginsOwnWarningsWithSaved() {
    given(NOTES, PluginState.ACTIVE);
    notesCheck.set(
        (typed, secretSaved) -> new SettingsCheck(Map.of(), Map.of("limit", "That is a lot.")));

    assertThat(save(NOTES, notes("limit", "999999")))
        .isEqualTo(new Saved(new SettingsCheck(Map.of(), Map.of("limit", "That is a lot."))));
  }

  @Test
  void save_returnsNoWarningsForCleanSettings() {
    given(PROMPT, PluginState.ACTIVE);

    assertThat(save(PROMPT, prompt())).isEqualTo(new Saved(SettingsCheck.CLEAN));
  }

  // --- save: audit

  @Test
  void save_auditsWhoChangedWhichPluginAndWhen() {
    given(PROMPT, PluginState.ACTIVE);
    clock.advance(Duration.ofMinutes(3));

    save(PROMPT, prompt());

    AuditEvent event = audit.all().getLast();
    assertThat(audit.all()).hasSize(1);
    assertThat(event.type()).isEqualTo(AuditEventType.PLUGIN_SETTINGS_CHANGED);
    assertThat(event.actor()).isEqualTo(admin);
    assertThat(event.subject()).isEqualTo(PROMPT.value());
    assertThat(event.at()).isEqualTo(clock.now());
  }

  @Test
  void save_auditsEachChangedPlainValueFromOldToNew() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());

    Map<String, String> typed = prompt(FAIL_MODE, "open");
    typed.put(CLIENT_ID, "OTHERCLIENT0000");
    typed.put(CLIENT_SECRET, "");
    save(PROMPT, typed);

    assertThat(audit.all().getLast().details())
        .containsOnly(
            Map.entry(FAIL_MODE, "closed -> open"),
            Map.entry(CLIENT_ID, ID + " -> OTHERCLIENT0000"));
  }

  @Test
  void save_auditsTheFirstValuesAsChangedFromNothing() {
    given(PROMPT, PluginState.ACTIVE);

    save(PROMPT, prompt());

    assertThat(audit.all().getLast().details())
        .containsEntry(CLIENT_ID, "(empty) -> " + ID)
        .containsEntry(PROMPT_HOST, "(empty) -> " + HOST)
        .containsKey(CLIENT_SECRET)
        .doesNotContainKeys(PROMPT_PORT);
  }

  @Test
  void save_auditsThatTheSecretChangedWithoutNamingIt() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());

    save(PROMPT, prompt(CLIENT_SECRET, NEW_SECRET));

    assertThat(audit.all().getLast().details()).containsOnlyKeys(CLIENT_SECRET);
    assertThat(audit.all().getLast().details().get(CLIENT_SECRET))
        .doesNotContain(SECRET)
        .doesNotContain(NEW_SECRET);
  }

  @Test
  void save_doesNotAuditAKeptSecretAsChanged() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());

    Map<String, String> typed = prompt(CLIENT_SECRET, "");
    typed.put(FAIL_MODE, "open");
    save(PROMPT, typed);

    assertThat(audit.all().getLast().details()).containsOnlyKeys(FAIL_MODE);
  }

  @Test
  void save_withNothingChangedWritesNoAuditEntry() {
    given(PROMPT, PluginState.ACTIVE);
    save(PROMPT, prompt());

    assertThat(save(PROMPT, prompt(CLIENT_SECRET, "")))
        .isInstanceOf(SavePluginSettingsResult.Saved.class);

    assertThat(audit.all()).hasSize(1);
  }

  @Test
  void save_neverWritesASecretIntoTheAuditLog() {
    given(PROMPT, PluginState.ACTIVE);
    given(NOTES, PluginState.ACTIVE);
    List<String> storedForms = new ArrayList<>();

    save(PROMPT, prompt());
    storedForms.add(storedSecret().value());
    save(PROMPT, prompt(CLIENT_SECRET, NEW_SECRET));
    storedForms.add(storedSecret().value());
    save(PROMPT, prompt(CLIENT_SECRET, ""));
    save(PROMPT, prompt(CLIENT_ID, "bad")); // refused, with a secret typed
    save(NOTES, notes("api_key", API_KEY));
    storedForms.add(plugins.settings(NOTES).get("api_key").orElseThrow().value());

    assertThat(audit.all()).hasSize(3);
    List<String> secrets = new ArrayList<>(List.of(SECRET, NEW_SECRET, API_KEY));
    secrets.addAll(storedForms);
    for (AuditEvent event : audit.all()) {
      List<String> texts = new ArrayList<>();
      texts.add(event.toString());
      texts.add(event.subject());
      texts.add(event.actor().name());
      texts.addAll(event.details().keySet());
      texts.addAll(event.details().values());
      for (String text : texts) {
        for (String secret : secrets) {
          assertThat(text).doesNotContain(secret);
        }
      }
    }
  }

  // --- save: races

  @Test
  void save_answersNotActiveWhenThePluginIsUninstalledBetweenCheckAndSave() {
    given(NOTES, PluginState.ACTIVE);
    notesCheck.set(
        (typed, secretSaved) -> {
          plugins.transition(NOTES, PluginState.ACTIVE, PluginState.AVAILABLE);
          return SettingsCheck.CLEAN;
        });

    assertThat(save(NOTES, notes("greeting", "Hi"))).isEqualTo(new NotActive(NOTES));
    assertThat(plugins.settings(NOTES)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.state(NOTES)).isEqualTo(PluginState.AVAILABLE);
    assertThat(audit.all()).isEmpty();
  }

  @Test
  void save_answersNotActiveWhenThePluginIsDeactivatedBetweenCheckAndSave() {
    given(NOTES, PluginState.ACTIVE);
    save(NOTES, notes("greeting", "Hi"));
    PluginSettings before = plugins.settings(NOTES);
    notesCheck.set(
        (typed, secretSaved) -> {
          plugins.transition(NOTES, PluginState.ACTIVE, PluginState.INACTIVE);
          return SettingsCheck.CLEAN;
        });

    assertThat(save(NOTES, notes("greeting", "Good morning"))).isEqualTo(new NotActive(NOTES));
    assertThat(plugins.settings(NOTES)).isEqualTo(before);
    assertThat(audit.all()).hasSize(1);
  }

  @Test
  void save_storesOnlyTheDeclaredSettingsOfThePluginSaved() {
    given(PROMPT, PluginState.ACTIVE);
    given(NOTES, PluginState.ACTIVE);

    save(NOTES, notes("greeting", "Hi"));

    assertThat(plugins.settings(PROMPT)).isEqualTo(PluginSettings.EMPTY);
    assertThat(plugins.settings(NOTES).values().keySet())
        .isEqualTo(Set.of("greeting", "api_key", "tone", "limit"));
  }
}
