package io.supportpro.domain.plugin;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** The plugin state machine: which action is legal in which state, and where it leads. */
public final class PluginLifecycle {
  private PluginLifecycle() {}

  /** The outcome of asking for an action in a state; an illegal action is refused, not thrown. */
  public sealed interface Transition {
    /** The action is legal and moves the plugin from one state to another. */
    record Allowed(PluginState from, PluginAction action, PluginState to) implements Transition {}

    /** The action is not legal in this state; the reason is fit to show to an administrator. */
    record Refused(PluginState from, PluginAction action, String reason) implements Transition {}
  }

  /** Where the action leads from the state, or why it cannot be taken. */
  public static Transition next(PluginState from, PluginAction action) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(action, "action");
    return switch (action) {
      case INSTALL ->
          from == PluginState.AVAILABLE
              ? new Transition.Allowed(from, action, PluginState.INACTIVE)
              : new Transition.Refused(from, action, "The plugin is already installed.");
      case ACTIVATE ->
          switch (from) {
            case INACTIVE -> new Transition.Allowed(from, action, PluginState.ACTIVE);
            case ACTIVE -> new Transition.Refused(from, action, "The plugin is already active.");
            case AVAILABLE ->
                new Transition.Refused(from, action, "Install the plugin before activating it.");
          };
      case DEACTIVATE ->
          from == PluginState.ACTIVE
              ? new Transition.Allowed(from, action, PluginState.INACTIVE)
              : new Transition.Refused(from, action, "The plugin is not active.");
      case UNINSTALL ->
          from.isInstalled()
              ? new Transition.Allowed(from, action, PluginState.AVAILABLE)
              : new Transition.Refused(from, action, "The plugin is not installed.");
    };
  }

  /** The actions that are legal in the state, in the order a page should offer them. */
  public static Set<PluginAction> legalActions(PluginState state) {
    Set<PluginAction> legal = EnumSet.noneOf(PluginAction.class);
    for (PluginAction action : PluginAction.values()) {
      if (next(state, action) instanceof Transition.Allowed) {
        legal.add(action);
      }
    }
    return legal;
  }
}
