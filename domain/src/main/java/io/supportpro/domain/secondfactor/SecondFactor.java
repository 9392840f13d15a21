package io.supportpro.domain.secondfactor;

import io.supportpro.domain.plugin.PluginId;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The second factor an operator must pass after the password: nothing, the built-in authenticator
 * app (or its enrolment, when 2FA is forced), or a plugin's method, which asks for a code on the
 * panel's own page or sends the browser to a prompt elsewhere.
 *
 * @param kind how the factor is passed
 * @param plugin the plugin whose method it is; empty for the built-in factors
 */
public record SecondFactor(Kind kind, Optional<PluginId> plugin) {
  /** Nothing beyond the password. */
  public static final SecondFactor NONE = new SecondFactor(Kind.NONE, Optional.empty());

  /** A code from the operator's authenticator app, or a recovery code. */
  public static final SecondFactor TOTP = new SecondFactor(Kind.CODE, Optional.empty());

  /** No 2FA yet, but it is required: the operator enrols an authenticator app first. */
  public static final SecondFactor TOTP_ENROLMENT =
      new SecondFactor(Kind.ENROLMENT, Optional.empty());

  private static final String CODE_PREFIX = "CODE:";
  private static final String PROMPT_PREFIX = "PROMPT:";

  /** How a factor is passed. */
  public enum Kind {
    /** Not at all: the password was enough. */
    NONE,
    /** By enrolling the built-in authenticator app. */
    ENROLMENT,
    /** By typing a code on the panel's own page. */
    CODE,
    /** At a prompt the browser is sent to, which sends it back with an answer. */
    PROMPT
  }

  public SecondFactor {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(plugin, "plugin");
    boolean valid =
        switch (kind) {
          case NONE, ENROLMENT -> plugin.isEmpty();
          case CODE -> true;
          case PROMPT -> plugin.isPresent();
        };
    if (!valid) {
      throw new IllegalArgumentException("Only a code or a prompt comes from a plugin.");
    }
  }

  /** A plugin's method that asks for a code on the panel's page. */
  public static SecondFactor code(PluginId plugin) {
    return new SecondFactor(Kind.CODE, Optional.of(plugin));
  }

  /** A plugin's method that sends the browser to a prompt. */
  public static SecondFactor prompt(PluginId plugin) {
    return new SecondFactor(Kind.PROMPT, Optional.of(plugin));
  }

  /**
   * The factor from its stored form.
   *
   * @throws IllegalArgumentException for a text no factor is stored as
   */
  public static SecondFactor parse(String stored) {
    Objects.requireNonNull(stored, "stored");
    return switch (stored) {
      case "NONE" -> NONE;
      case "TOTP" -> TOTP;
      case "TOTP_ENROLMENT" -> TOTP_ENROLMENT;
      default -> {
        if (stored.startsWith(CODE_PREFIX)) {
          yield code(new PluginId(stored.substring(CODE_PREFIX.length())));
        }
        if (stored.startsWith(PROMPT_PREFIX)) {
          yield prompt(new PluginId(stored.substring(PROMPT_PREFIX.length())));
        }
        throw new IllegalArgumentException("Not a stored second factor.");
      }
    };
  }

  /** The stored form, which {@link #parse} reads back. */
  public String stored() {
    return switch (kind) {
      case NONE -> "NONE";
      case ENROLMENT -> "TOTP_ENROLMENT";
      case CODE -> plugin.map(id -> CODE_PREFIX + id.value()).orElse("TOTP");
      case PROMPT -> PROMPT_PREFIX + plugin.orElseThrow().value();
    };
  }

  /** The name the audit log gives it: {@code none}, {@code totp} or the plugin's id. */
  public String auditName() {
    return plugin.map(PluginId::value).orElse(stored().toLowerCase(Locale.ROOT));
  }
}
