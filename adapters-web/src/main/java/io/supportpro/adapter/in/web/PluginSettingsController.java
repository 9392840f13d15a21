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
import io.supportpro.domain.plugin.SettingDefinition;
import io.supportpro.domain.plugin.SettingValue;
import io.supportpro.domain.plugin.SettingsCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's settings page, built from the settings the plugin declares. Secret settings are
 * write-only: their fields are never filled, whatever was saved or typed. For a plugin with a
 * connection test the page also tests the typed values without saving them. Saving a choice the
 * plugin asks to confirm, in the place of another, shows its consequence and asks first.
 */
final class PluginSettingsController {
  private static final Logger LOG = LoggerFactory.getLogger(PluginSettingsController.class);

  /** The prefix of every setting's form field, so no setting can shadow the form's own fields. */
  static final String FIELD_PREFIX = "setting-";

  static final String NOT_ACTIVE =
      "Settings are available only while the plugin is active. Activate it on the Plugins page"
          + " first.";

  /** A choice the plugin asks to confirm, as the confirmation states it. */
  record Consequence(String label, String value, String text) {}

  /** A non-secret value the confirmation carries back, in the field the settings form names. */
  record Carried(String field, String value) {}

  /** A setting as the form shows it. */
  record SettingField(
      String id,
      String label,
      String help,
      String kind,
      String value,
      List<String> choices,
      boolean secretSaved,
      String error,
      String warning) {
    /** The ids of the texts that describe the field: help, saved-secret note, error, warning. */
    public String describedBy() {
      var ids = new StringJoiner(" ");
      ids.add(id + "-hint");
      if (secretSaved) {
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
  }

  private final ListPluginsUseCase plugins;
  private final ConfigurePluginUseCase configure;
  private final TestPluginConnectionUseCase testConnection;

  PluginSettingsController(
      ListPluginsUseCase plugins,
      ConfigurePluginUseCase configure,
      TestPluginConnectionUseCase testConnection) {
    this.plugins = plugins;
    this.configure = configure;
    this.testConnection = testConnection;
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
    render(ctx, 200, view, view.values(), SettingsCheck.CLEAN, null, null);
  }

  private void submit(Context ctx) {
    PluginId id = PluginsController.pluginId(ctx);
    PluginOverview plugin = plugins.find(id).orElseThrow(Halt::notFound);
    Params form = Params.form(ctx);
    Map<String, String> typed = new LinkedHashMap<>();
    for (SettingDefinition setting : plugin.descriptor().settings()) {
      typed.put(setting.key(), form.text(FIELD_PREFIX + setting.key()));
    }
    switch (form.text("action")) {
      case "", "save" -> {
        if (form.text("confirmed").equals("yes")) {
          save(ctx, id, typed);
        } else {
          saveOrAsk(ctx, id, typed);
        }
      }
      case "test" -> {
        if (!plugin.connectionTest()) {
          throw Halt.badRequest("This plugin has no connection test.");
        }
        test(ctx, id, typed);
      }
      default -> throw Halt.badRequest("Use the Save or the Test connection button.");
    }
  }

  /**
   * Saves, unless a value changes to a choice the plugin asks to confirm: then shows what it means
   * and asks, carrying the typed values but never a secret.
   */
  private void saveOrAsk(Context ctx, PluginId id, Map<String, String> typed) {
    PluginSettingsView view = activeView(id);
    List<Consequence> consequences = new ArrayList<>();
    List<Carried> carried = new ArrayList<>();
    List<String> secretsTyped = new ArrayList<>();
    for (SettingDefinition setting : view.plugin().descriptor().settings()) {
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
      save(ctx, id, typed);
      return;
    }
    PluginDescriptor descriptor = view.plugin().descriptor();
    Pages.render(
        ctx,
        200,
        "admin/plugin-settings-confirm",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            descriptor.name(),
            "consequences",
            consequences,
            "carried",
            carried,
            "secretsTyped",
            secretsTyped,
            "action",
            address(id),
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private void save(Context ctx, PluginId id, Map<String, String> typed) {
    var result =
        configure.save(new SavePluginSettingsCommand(Visitor.required(ctx).actor(ctx), id, typed));
    switch (result) {
      case SavePluginSettingsResult.Saved saved -> {
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
              Notice.PLUGIN_SETTINGS_SAVED.message());
        }
      }
      case SavePluginSettingsResult.Invalid invalid ->
          render(ctx, 422, activeView(id), kept(typed), invalid.check(), null, null);
      case SavePluginSettingsResult.NotActive notActive -> throw notActive();
      case SavePluginSettingsResult.UnknownPlugin unknown -> throw Halt.notFound();
    }
  }

  /** Tests the typed values, saving nothing, and shows the answer with the form. */
  private void test(Context ctx, PluginId id, Map<String, String> typed) {
    PluginSettingsView view = activeView(id);
    var actor = Visitor.required(ctx).actor(ctx);
    ConnectionTestResult result = testConnection.test(actor, id, typed);
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
    render(ctx, check.acceptable() ? 200 : 422, view, kept(typed), check, result, null);
  }

  private PluginSettingsView activeView(PluginId id) {
    return configure
        .view(id)
        .orElseThrow(() -> plugins.find(id).isPresent() ? notActive() : Halt.notFound());
  }

  private static Halt notActive() {
    return Halt.page(
        409, "Settings are not available", NOT_ACTIVE, PluginsController.LIST, "Go to Plugins");
  }

  /** The typed values worth showing again: none too long to be valid. */
  private static Map<String, String> kept(Map<String, String> typed) {
    Map<String, String> kept = new LinkedHashMap<>(typed);
    kept.replaceAll((key, value) -> value.length() > SettingValue.MAX_LENGTH ? "" : value);
    return kept;
  }

  private static void render(
      Context ctx,
      int status,
      PluginSettingsView view,
      Map<String, String> values,
      SettingsCheck check,
      ConnectionTestResult test,
      String notice) {
    PluginDescriptor descriptor = view.plugin().descriptor();
    Pages.render(
        ctx,
        status,
        "admin/plugin-settings",
        Pages.model(
            "section",
            "plugins",
            "plugin",
            PluginsController.PluginRow.of(view.plugin()),
            "action",
            address(descriptor.id()),
            "fields",
            fields(descriptor, values, view.savedSecrets(), check),
            "problems",
            !check.acceptable(),
            "test",
            test,
            "testable",
            view.plugin().connectionTest(),
            "operators",
            view.plugin().perOperator() ? PluginOperatorsController.address(descriptor.id()) : null,
            "steps",
            descriptor.setupSteps(),
            "notice",
            notice,
            "csrf",
            Visitor.required(ctx).session().csrfToken()));
  }

  private static List<SettingField> fields(
      PluginDescriptor descriptor,
      Map<String, String> values,
      Set<String> savedSecrets,
      SettingsCheck check) {
    List<SettingField> fields = new ArrayList<>();
    for (SettingDefinition setting : descriptor.settings()) {
      String key = setting.key();
      fields.add(
          new SettingField(
              FIELD_PREFIX + key,
              setting.label(),
              setting.help(),
              setting.kind().name().toLowerCase(Locale.ROOT),
              // A secret never goes back to the browser, whether saved or just typed.
              setting.secret() ? "" : values.getOrDefault(key, ""),
              setting.choices(),
              setting.secret() && savedSecrets.contains(key),
              check.problems().get(key),
              check.warnings().get(key)));
    }
    return fields;
  }
}
