package io.supportpro.adapter.in.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.supportpro.application.port.in.ConfigurePluginUseCase;
import io.supportpro.application.port.in.ListPluginsUseCase;
import io.supportpro.application.port.in.PluginOverview;
import io.supportpro.application.port.in.PluginSettingsView;
import io.supportpro.application.port.in.SavePluginSettingsCommand;
import io.supportpro.application.port.in.SavePluginSettingsResult;
import io.supportpro.application.port.in.TestPluginConnectionUseCase;
import io.supportpro.application.port.in.TestPluginConnectionUseCase.ConnectionTestResult;
import io.supportpro.domain.plugin.PluginDescriptor;
import io.supportpro.domain.plugin.PluginId;
import io.supportpro.domain.plugin.PluginWords;
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import io.supportpro.domain.session.SessionKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's settings page, built from the settings the plugin declares: its set-up steps first,
 * then the settings everyone needs, with the ones the plugin marks as advanced folded away. Secret
 * settings are write-only: their fields are never filled, whatever was saved or typed; a secret
 * typed on a page shown again (after Test connection or a refused save) is held on the server for
 * the next press instead. For a plugin with a connection test the page also tests the typed values
 * without saving them. Saving a choice the plugin asks to confirm, in the place of another, shows
 * its consequence and asks first.
 */
final class PluginSettingsController {
  private static final Logger LOG = LoggerFactory.getLogger(PluginSettingsController.class);

  /** The prefix of every setting's form field, so no setting can shadow the form's own fields. */
  static final String FIELD_PREFIX = "setting-";

  /** The form's field that carries the handle of the secrets held for it, never a secret. */
  static final String HELD_FIELD = "held";

  static final String HELD_LOST = "plugin-settings.held-lost";

  /** A choice the plugin asks to confirm, as the confirmation states it. */
  record Consequence(String label, String value, String text) {}

  /** A non-secret value the confirmation carries back, in the field the settings form names. */
  record Carried(String field, String value) {}

  /** One choice of a setting, with the plugin's name and description for it when it gives them. */
  record ChoiceField(String id, String value, String label, String description) {}

  /**
   * A setting as the form shows it; a choice whose every value the plugin describes has the kind
   * {@code described}. {@code needed} says whether the field must be filled in on this page: a
   * required secret need not be while one is saved or held.
   */
  record SettingField(
      String id,
      String label,
      String help,
      String kind,
      String value,
      List<ChoiceField> choices,
      boolean required,
      boolean needed,
      boolean advanced,
      boolean secretSaved,
      boolean secretHeld,
      String error,
      String warning) {
    /**
     * The ids of the texts that describe the field: help, saved or held secret note, error,
     * warning.
     */
    public String describedBy() {
      var ids = new StringJoiner(" ");
      ids.add(id + "-hint");
      if (secretHeld) {
        ids.add(id + "-held");
      } else if (secretSaved) {
        ids.add(id + "-saved");
      }
      if (error != null) {
        ids.add(id + "-error");
      }
      if (warning != null) {
        ids.add(id + "-warning");
      }
      return ids.toString();
    }

    /** The id of the control that a link to this field moves to: a group's first choice. */
    public String anchor() {
      return kind.equals("described") ? choices.getFirst().id() : id;
    }
  }

  private final ListPluginsUseCase plugins;
  private final ConfigurePluginUseCase configure;
  private final TestPluginConnectionUseCase testConnection;
  private final URI publicUrl;
  private final HeldSecrets held;

  PluginSettingsController(
      ListPluginsUseCase plugins,
      ConfigurePluginUseCase configure,
      TestPluginConnectionUseCase testConnection,
      URI publicUrl,
      HeldSecrets held) {
    this.plugins = plugins;
    this.configure = configure;
    this.testConnection = testConnection;
    this.publicUrl = publicUrl;
    this.held = held;
  }

  void register(RoutesConfig routes) {
    routes.get(PluginsController.LIST + "/{id}/settings", this::page, Access.ADMINISTRATOR);
    routes.post(PluginsController.LIST + "/{id}/settings", this::submit, Access.ADMINISTRATOR);
  }

  private static String address(PluginId id) {
    return PluginsController.LIST + "/" + id.value() + "/settings";
  }

  private void page(Context ctx) {
    PluginId id = PluginsController.pluginId(ctx);
    PluginSettingsView view = activeView(id);
    render(ctx, 200, view, view.values(), SettingsCheck.CLEAN, null, null, Optional.empty());
  }

  private void submit(Context ctx) {
    PluginId id = PluginsController.pluginId(ctx);
    PluginOverview plugin = plugins.find(id).orElseThrow(Halt::notFound);
    Params form = Params.form(ctx);
    Map<String, String> typed = new LinkedHashMap<>();
    for (SettingDefinition setting : plugin.descriptor().settings()) {
      typed.put(setting.key(), form.text(FIELD_PREFIX + setting.key()));
    }
    String handle = form.text(HELD_FIELD);
    if (!handle.isEmpty() && !HeldSecrets.HANDLE.matcher(handle).matches()) {
      throw Halt.badRequest("plugin-settings.unreadable");
    }
    switch (form.text("action")) {
      case "", "save" -> {
        if (form.text("confirmed").equals("yes")) {
          save(ctx, id, typed, handle);
        } else {
          saveOrAsk(ctx, id, typed, handle);
        }
      }
      case "test" -> {
        if (!plugin.connectionTest()) {
          throw Halt.badRequest("plugin-settings.no-connection-test");
        }
        test(ctx, id, typed, handle);
      }
      default -> throw Halt.badRequest("plugin-settings.use-buttons");
    }
  }

  /**
   * The typed values with each secret left empty taken from what is held under the handle; empty
   * when the form names a hold that is gone, which must not silently keep an older saved secret.
   */
  private Optional<Map<String, String>> withHeld(
      Context ctx, PluginDescriptor descriptor, Map<String, String> typed, String handle) {
    boolean secretLeftEmpty =
        descriptor.settings().stream()
            .anyMatch(s -> s.secret() && typed.getOrDefault(s.key(), "").isEmpty());
    if (handle.isEmpty() || !secretLeftEmpty) {
      return Optional.of(typed);
    }
    Optional<Map<String, String>> secrets = held.find(session(ctx), descriptor.id(), handle);
    if (secrets.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> all = new LinkedHashMap<>(typed);
    secrets
        .get()
        .forEach((key, secret) -> all.computeIfPresent(key, (k, v) -> v.isEmpty() ? secret : v));
    return Optional.of(all);
  }

  /** Shows the form again, the typed values kept, saying that the held secrets must be retyped. */
  private void heldLost(Context ctx, PluginSettingsView view, Map<String, String> typed) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (SettingDefinition setting : view.plugin().descriptor().settings()) {
      if (setting.secret() && typed.getOrDefault(setting.key(), "").isEmpty()) {
        problems.put(setting.key(), Texts.of(ctx).get(HELD_LOST, HeldSecrets.LIFETIME.toMinutes()));
      }
    }
    render(
        ctx,
        422,
        view,
        kept(typed),
        new SettingsCheck(problems, Map.of()),
        null,
        null,
        Optional.empty());
  }

  /**
   * Holds the secrets typed (or held before) that passed their check, for the page shown again with
   * the typed values; answers the handle the page carries.
   */
  private Optional<String> holdTyped(
      Context ctx, PluginDescriptor descriptor, Map<String, String> values, SettingsCheck check) {
    Map<String, String> secrets = new LinkedHashMap<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String value = values.getOrDefault(setting.key(), "");
      if (setting.secret()
          && !value.isEmpty()
          && value.length() <= SettingValue.MAX_LENGTH
          && !check.problems().containsKey(setting.key())) {
        secrets.put(setting.key(), value);
      }
    }
    return held.hold(session(ctx), descriptor.id(), secrets);
  }

  private static SessionKey session(Context ctx) {
    return Visitor.required(ctx).session().key();
  }

  /**
   * Saves, unless a value changes to a choice the plugin asks to confirm: then shows what it means
   * and asks, carrying the typed values but never a secret: secrets typed or held travel as the
   * handle of their hold.
   */
  private void saveOrAsk(Context ctx, PluginId id, Map<String, String> typed, String handle) {
    PluginSettingsView view = activeView(id);
    PluginDescriptor shown = words(ctx, id).descriptor(view.plugin().descriptor());
    List<Consequence> consequences = new ArrayList<>();
    List<Carried> carried = new ArrayList<>();
    List<String> secretsTyped = new ArrayList<>();
    for (SettingDefinition setting : shown.settings()) {
      String value = typed.getOrDefault(setting.key(), "");
      if (setting.secret()) {
        if (!value.isBlank()) {
          secretsTyped.add(setting.label());
        }
        continue;
      }
      carried.add(new Carried(FIELD_PREFIX + setting.key(), kept(typed).get(setting.key())));
      if (!value.equals(view.values().get(setting.key()))) {
        setting
            .consequenceOf(value)
            .ifPresent(text -> consequences.add(new Consequence(setting.label(), value, text)));
      }
    }
    if (consequences.isEmpty()) {
      save(ctx, id, typed, handle);
      return;
    }
    PluginDescriptor descriptor = view.plugin().descriptor();
    Optional<String> carriedHandle =
        secretsTyped.isEmpty()
            ? Optional.of(handle).filter(h -> !h.isEmpty())
            : holdTyped(ctx, descriptor, typed, SettingsCheck.CLEAN);
    carriedHandle.ifPresent(h -> carried.add(new Carried(HELD_FIELD, h)));
    Pages.render(
        ctx,
        200,
        "admin/plugin-settings-confirm",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            shown.name(),
            "consequences",
            consequences,
            "carried",
            carried,
            "secretsTyped",
            secretsTyped,
            "secretsHeld",
            !secretsTyped.isEmpty() && carriedHandle.isPresent(),
            "action",
            address(id),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void save(Context ctx, PluginId id, Map<String, String> typed, String handle) {
    PluginSettingsView before = activeView(id);
    Optional<Map<String, String>> values =
        withHeld(ctx, before.plugin().descriptor(), typed, handle);
    if (values.isEmpty()) {
      heldLost(ctx, before, typed);
      return;
    }
    var result =
        configure.save(
            new SavePluginSettingsCommand(Visitor.required(ctx).actor(ctx), id, values.get()));
    switch (result) {
      case SavePluginSettingsResult.Saved saved -> {
        held.release(session(ctx), id);
        var view = configure.view(id);
        if (saved.check().warnings().isEmpty() || view.isEmpty()) {
          Pages.seeOther(ctx, address(id) + Notice.PLUGIN_SETTINGS_SAVED.query());
        } else {
          // A warning cannot travel through a redirect: show it now, next to its field.
          render(
              ctx,
              200,
              view.get(),
              view.get().values(),
              saved.check(),
              null,
              Notice.PLUGIN_SETTINGS_SAVED.message(Texts.of(ctx)),
              Optional.empty());
        }
      }
      case SavePluginSettingsResult.Invalid invalid -> {
        PluginSettingsView view = activeView(id);
        render(
            ctx,
            422,
            view,
            kept(typed),
            invalid.check(),
            null,
            null,
            holdTyped(ctx, view.plugin().descriptor(), values.get(), invalid.check()));
      }
      case SavePluginSettingsResult.NotActive notActive -> throw notActive();
      case SavePluginSettingsResult.UnknownPlugin unknown -> throw Halt.notFound();
    }
  }

  /** Tests the typed values, saving nothing, and shows the answer with the form. */
  private void test(Context ctx, PluginId id, Map<String, String> typed, String handle) {
    PluginSettingsView view = activeView(id);
    Optional<Map<String, String>> values = withHeld(ctx, view.plugin().descriptor(), typed, handle);
    if (values.isEmpty()) {
      heldLost(ctx, view, typed);
      return;
    }
    var actor = Visitor.required(ctx).actor(ctx);
    ConnectionTestResult result = testConnection.test(actor, id, values.get());
    if (!result.logDetail().isEmpty()) {
      // The page says only what the plugin words; what answered instead is for operations.
      LOG.warn(
          "Connection test of {} by {} from {} failed: {}",
          id,
          actor.name(),
          actor.clientAddress(),
          result.logDetail());
    }
    SettingsCheck check = result.check();
    render(
        ctx,
        check.acceptable() ? 200 : 422,
        view,
        kept(typed),
        check,
        result,
        null,
        holdTyped(ctx, view.plugin().descriptor(), values.get(), check));
  }

  /** The plugin's own words in the page's language. */
  private PluginWords words(Context ctx, PluginId id) {
    return plugins.words(id, Texts.of(ctx).locale());
  }

  private PluginSettingsView activeView(PluginId id) {
    return configure
        .view(id)
        .orElseThrow(() -> plugins.find(id).isPresent() ? notActive() : Halt.notFound());
  }

  private static Halt notActive() {
    return Halt.page(
        409,
        Phrase.of("plugin-settings.not-active.title"),
        Phrase.of("plugin-settings.not-active.message"),
        PluginsController.LIST,
        Phrase.of("plugins.go-to-list"));
  }

  /** The typed values worth showing again: none too long to be valid. */
  private static Map<String, String> kept(Map<String, String> typed) {
    Map<String, String> kept = new LinkedHashMap<>(typed);
    kept.replaceAll((key, value) -> value.length() > SettingValue.MAX_LENGTH ? "" : value);
    return kept;
  }

  private void render(
      Context ctx,
      int status,
      PluginSettingsView view,
      Map<String, String> values,
      SettingsCheck check,
      ConnectionTestResult test,
      String notice,
      Optional<String> heldHandle) {
    PluginWords words = words(ctx, view.plugin().descriptor().id());
    PluginDescriptor descriptor = words.descriptor(view.plugin().descriptor());
    Set<String> heldSecrets =
        heldHandle
            .flatMap(handle -> held.find(session(ctx), descriptor.id(), handle))
            .map(Map::keySet)
            .orElse(Set.of());
    List<SettingField> all =
        fields(descriptor, values, view.savedSecrets(), heldSecrets, words.check(check));
    Pages.render(
        ctx,
        status,
        "admin/plugin-settings",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            PluginsController.PluginRow.of(
                Texts.of(ctx), PluginsController.inWords(view.plugin(), words)),
            "action",
            address(descriptor.id()),
            "fields",
            all.stream().filter(field -> !field.advanced()).toList(),
            "advanced",
            all.stream().filter(SettingField::advanced).toList(),
            // Open while an advanced value needs looking at, so that no error is folded away.
            "advancedOpen",
            all.stream()
                .anyMatch(
                    field ->
                        field.advanced() && (field.error() != null || field.warning() != null)),
            "anyRequired",
            all.stream().anyMatch(SettingField::required),
            "problems",
            !check.acceptable(),
            "errors",
            all.stream()
                .filter(field -> field.error() != null)
                .collect(
                    Collectors.toMap(
                        SettingField::anchor,
                        field -> field.label() + ": " + field.error(),
                        (first, second) -> first,
                        LinkedHashMap::new)),
            "held",
            heldSecrets.isEmpty() ? null : heldHandle.orElseThrow(),
            "test",
            test == null
                ? null
                : new ConnectionTestResult(
                    test.accepted(), words.text(test.message()), test.check(), test.logDetail()),
            "testable",
            view.plugin().connectionTest(),
            "operators",
            view.plugin().perOperator() ? PluginOperatorsController.address(descriptor.id()) : null,
            "steps",
            descriptor.setupSteps(),
            "callback",
            // Built as signing in builds the address it gives the provider.
            view.callbackPath().map(path -> publicUrl + path).orElse(null),
            "notice",
            notice,
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private static List<SettingField> fields(
      PluginDescriptor descriptor,
      Map<String, String> values,
      Set<String> savedSecrets,
      Set<String> heldSecrets,
      SettingsCheck check) {
    List<SettingField> fields = new ArrayList<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String key = setting.key();
      String id = FIELD_PREFIX + key;
      boolean saved = setting.secret() && savedSecrets.contains(key);
      boolean secretHeld = setting.secret() && heldSecrets.contains(key);
      fields.add(
          new SettingField(
              id,
              setting.label(),
              setting.help(),
              setting.describedChoices()
                  ? "described"
                  : setting.kind().name().toLowerCase(Locale.ROOT),
              // A secret never goes back to the browser, whether saved or just typed.
              setting.secret() ? "" : values.getOrDefault(key, ""),
              choices(setting, id),
              setting.required(),
              setting.required() && !saved && !secretHeld,
              setting.advanced(),
              saved,
              secretHeld,
              check.problems().get(key),
              check.warnings().get(key)));
    }
    return fields;
  }

  private static List<ChoiceField> choices(SettingDefinition setting, String id) {
    List<ChoiceField> choices = new ArrayList<>();
    for (int i = 0; i < setting.choices().size(); i++) {
      String value = setting.choices().get(i);
      var described = setting.descriptions().get(value);
      choices.add(
          new ChoiceField(
              // By position: a choice's value may hold characters an id cannot.
              id + "-" + i,
              value,
              described == null ? value : described.label(),
              described == null ? null : described.description()));
    }
    return choices;
  }
}
