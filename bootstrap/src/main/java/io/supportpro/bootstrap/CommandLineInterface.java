package io.supportpro.bootstrap;

import io.supportpro.adapter.out.persistence.MigrationReport;
import io.supportpro.adapter.out.persistence.Persistence;
import io.supportpro.application.port.in.CreateOperatorCommand;
import io.supportpro.application.port.in.CreateOperatorResult;
import io.supportpro.application.port.in.NoticeEmail;
import io.supportpro.application.port.in.OperatorCommand;
import io.supportpro.application.port.in.OperatorField;
import io.supportpro.application.port.in.PluginCommand;
import io.supportpro.application.port.in.PluginTransitionResult;
import io.supportpro.application.port.in.ResetPasswordCommand;
import io.supportpro.application.port.in.ResetPasswordResult;
import io.supportpro.application.port.in.TwoFactorResetResult;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.ChangeOperatorService;
import io.supportpro.application.service.ListOperatorsService;
import io.supportpro.application.service.PluginLifecycleService;
import io.supportpro.domain.audit.Actor;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.plugin.PluginId;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code supportpro} command line: {@code serve} (the default), {@code migrate}, {@code
 * create-admin}, and the host's ways back in: {@code reset-password}, {@code reset-2fa} and {@code
 * deactivate-plugin}.
 */
final class CommandLineInterface {
  /** The exit code of {@code serve} once the server runs: the process stays up. */
  static final int KEEP_RUNNING = -1;

  static final int CONFIGURATION_ERROR = 2;
  static final int FAILURE = 1;

  /** Who the audit log names for a change made on the host's command line. */
  static final Actor COMMAND_LINE = Actor.system("command line");

  private CommandLineInterface() {}

  /** Parses the arguments and runs the command; returns the exit code. */
  static int run(CommandContext context, String... args) {
    var cli = new CommandLine(new Root(context));
    cli.addSubcommand(new Serve(context));
    cli.addSubcommand(new Migrate(context));
    cli.addSubcommand(new CreateAdmin(context));
    cli.addSubcommand(new ResetPassword(context));
    cli.addSubcommand(new ResetTwoFactor(context));
    cli.addSubcommand(new DeactivatePlugin(context));
    cli.addSubcommand(new DemoCommand(context));
    cli.setOut(context.out());
    cli.setErr(context.err());
    cli.setParameterExceptionHandler(
        (e, arguments) -> {
          context.err().println("error: " + usageProblem(e));
          context
              .err()
              .println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return CONFIGURATION_ERROR;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          context.err().println("error: " + oneLine(e));
          return e instanceof ConfigurationException ? CONFIGURATION_ERROR : FAILURE;
        });
    return cli.execute(args);
  }

  // Picocli repeats what it did not understand, which could be a password typed on the command
  // line; name only the options, never their values.
  private static String usageProblem(CommandLine.ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      List<String> options =
          unmatched.getUnmatched().stream()
              .filter(a -> a.startsWith("-"))
              .map(a -> a.split("=", 2)[0])
              .toList();
      return options.isEmpty()
          ? "unexpected arguments."
          : "unknown option "
              + String.join(", ", options)
              + (options.contains("--password")
                  ? "; the password is read from standard input, never from the command line."
                  : ".");
    }
    return e.getMessage();
  }

  private static String oneLine(Exception e) {
    return e instanceof ConfigurationException ? e.getMessage() : "unexpected failure: " + e;
  }

  @Command(
      name = "supportpro",
      mixinStandardHelpOptions = true,
      version = "SupportPro operator security",
      description = "The SupportPro operator panel. Without a command it serves the panel.")
  static final class Root implements Callable<Integer> {
    private final CommandContext context;

    Root(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      return new Serve(context).call();
    }
  }

  @Command(name = "serve", description = "Migrate the database and serve the panel (the default).")
  static final class Serve implements Callable<Integer> {
    private final CommandContext context;

    Serve(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Configuration config = Configuration.fromEnvironment(context.env());
      Application app = Application.serve(config);
      Runtime.getRuntime().addShutdownHook(new Thread(app::close, "supportpro-shutdown"));
      context
          .out()
          .printf("SupportPro is serving on port %d; open %s%n", app.port(), config.publicUrl());
      return KEEP_RUNNING;
    }
  }

  @Command(name = "migrate", description = "Bring the database schema up to date, then exit.")
  static final class Migrate implements Callable<Integer> {
    private final CommandContext context;

    Migrate(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Configuration config = Configuration.fromEnvironment(context.env());
      MigrationReport report = Application.migrate(config);
      context
          .out()
          .printf(
              "Applied %d migration(s); the schema is at version %s.%n",
              report.applied(), report.schemaVersion());
      return 0;
    }
  }

  @Command(
      name = "create-admin",
      description = "Create an administrator. The password is read from standard input.")
  static final class CreateAdmin implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--username", required = true, description = "The sign-in name.")
    String username;

    @Option(names = "--email", required = true, description = "The e-mail address.")
    String email;

    @Option(
        names = "--display-name",
        description = "The name shown in the panel (default: the username).")
    String displayName;

    CreateAdmin(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Configuration config = Configuration.fromEnvironment(context.env());
      Password password = readPassword();
      try (Persistence persistence = Application.openPersistence(config)) {
        Stores stores = persistence.stores();
        var command =
            new CreateOperatorCommand(
                Actor.system("create-admin"),
                username,
                email,
                displayName == null ? username : displayName,
                "administrator",
                password);
        return switch (Services.createOperator(
                stores, stores.auditLog(), Application.passwordHasher())
            .create(command)) {
          case CreateOperatorResult.Created created -> {
            context
                .out()
                .printf(
                    "Created administrator %s <%s>.%n",
                    created.operator().username(), created.operator().email());
            yield 0;
          }
          case CreateOperatorResult.Invalid invalid -> {
            invalid
                .problems()
                .forEach(
                    (field, problem) ->
                        context.err().printf("error: %s: %s%n", option(field), problem));
            yield FAILURE;
          }
        };
      }
    }

    private Password readPassword() throws IOException {
      return new Password(context.passwords().read());
    }

    private static String option(OperatorField field) {
      return switch (field) {
        case USERNAME -> "--username";
        case EMAIL -> "--email";
        case DISPLAY_NAME -> "--display-name";
        case ROLE -> "role";
        case PASSWORD -> "password";
      };
    }
  }

  /** The operator whose username is {@code typed}; never one found by an e-mail address. */
  private static Optional<Operator> operatorNamed(Stores stores, String typed) {
    Username username;
    try {
      username = new Username(typed);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return new ListOperatorsService(stores.operators())
        .findByLogin(username.value())
        .filter(operator -> operator.username().equals(username));
  }

  private static int noSuchOperator(CommandContext context, String username) {
    context.err().printf("error: --username: no operator is named %s.%n", username.strip());
    return FAILURE;
  }

  @Command(
      name = "reset-password",
      description =
          "Set an operator's password, read from standard input, and end their sessions; for the"
              + " host's operator when no administrator can sign in.")
  static final class ResetPassword implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--username", required = true, description = "The operator's sign-in name.")
    String username;

    ResetPassword(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      Configuration config = Configuration.fromEnvironment(context.env());
      Password password = new Password(context.passwords().read());
      try (Persistence persistence = Application.openPersistence(config)) {
        Stores stores = persistence.stores();
        Optional<Operator> operator = operatorNamed(stores, username);
        if (operator.isEmpty()) {
          return noSuchOperator(context, username);
        }
        var command =
            new ResetPasswordCommand(COMMAND_LINE, operator.get().id(), Optional.of(password));
        return switch (Services.passwords(
                stores, stores.auditLog(), Application.passwordHasher(), Application.mailer(config))
            .reset(command)) {
          case ResetPasswordResult.Reset reset -> {
            context
                .out()
                .printf(
                    "Set a new password for %s; their sessions were ended.%n",
                    reset.operator().username().value());
            reportNotice(context, reset.notice());
            yield 0;
          }
          case ResetPasswordResult.Invalid invalid -> {
            context.err().printf("error: password: %s%n", invalid.problem());
            yield FAILURE;
          }
          case ResetPasswordResult.NotFound notFound -> noSuchOperator(context, username);
        };
      }
    }
  }

  @Command(
      name = "reset-2fa",
      description =
          "Remove an operator's authenticator app and recovery codes and end their sessions; for"
              + " an administrator locked out by a lost phone.")
  static final class ResetTwoFactor implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--username", required = true, description = "The operator's sign-in name.")
    String username;

    ResetTwoFactor(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Configuration config = Configuration.fromEnvironment(context.env());
      try (Persistence persistence = Application.openPersistence(config)) {
        Stores stores = persistence.stores();
        Optional<Operator> operator = operatorNamed(stores, username);
        if (operator.isEmpty()) {
          return noSuchOperator(context, username);
        }
        var reset =
            new ChangeOperatorService(
                    stores.operators(),
                    stores.sessions(),
                    stores.totpCredentials(),
                    stores.auditLog(),
                    Application.mailer(config),
                    Clock.system())
                .reset(new OperatorCommand(COMMAND_LINE, operator.get().id()));
        return switch (reset) {
          case TwoFactorResetResult.Reset done -> {
            context
                .out()
                .printf(
                    "Reset two-factor authentication of %s; their sessions were ended.%n",
                    operator.get().username().value());
            reportNotice(context, done.notice());
            yield 0;
          }
          case TwoFactorResetResult.NothingToReset nothing -> {
            context
                .err()
                .printf(
                    "error: --username: %s has no authenticator app to reset; nothing was"
                        + " changed.%n",
                    operator.get().username().value());
            yield FAILURE;
          }
          case TwoFactorResetResult.NotFound notFound -> noSuchOperator(context, username);
        };
      }
    }
  }

  @Command(
      name = "deactivate-plugin",
      description =
          "Deactivate a plugin, keeping its settings, so that its second factor no longer applies;"
              + " for an administrator locked out by it.")
  static final class DeactivatePlugin implements Callable<Integer> {
    private final CommandContext context;

    @Option(names = "--id", required = true, description = "The plugin's id, such as duo-security.")
    String id;

    DeactivatePlugin(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      Configuration config = Configuration.fromEnvironment(context.env());
      PluginId plugin;
      try {
        plugin = new PluginId(id);
      } catch (IllegalArgumentException e) {
        context.err().printf("error: --id: %s%n", e.getMessage());
        return FAILURE;
      }
      try (Persistence persistence = Application.openPersistence(config)) {
        Stores stores = persistence.stores();
        var lifecycle =
            new PluginLifecycleService(
                Application.installedPlugins(),
                stores.plugins(),
                stores.auditLog(),
                Clock.system());
        return switch (lifecycle.deactivate(new PluginCommand(COMMAND_LINE, plugin))) {
          case PluginTransitionResult.Changed changed -> {
            context.out().printf("Deactivated plugin %s.%n", plugin.value());
            yield 0;
          }
          case PluginTransitionResult.Refused refused -> {
            context.err().printf("error: --id: %s%n", refused.reason());
            yield FAILURE;
          }
          case PluginTransitionResult.UnknownPlugin unknown -> {
            context
                .err()
                .printf(
                    "error: --id: no plugin %s ships with this installation.%n", plugin.value());
            yield FAILURE;
          }
        };
      }
    }
  }

  @Command(
      name = "demo",
      description =
          "Run a throw-away panel on 127.0.0.1 with a seeded administrator and a local Duo"
              + " emulator, for a first look. Nothing is kept.")
  static final class DemoCommand implements Callable<Integer> {
    private final CommandContext context;

    DemoCommand(CommandContext context) {
      this.context = context;
    }

    @Override
    public Integer call() throws IOException {
      int port = Configuration.fromEnvironment(context.env()).port();
      Demo demo = Demo.start(port);
      Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "supportpro-demo-shutdown"));
      demo.announce(context.out());
      return KEEP_RUNNING;
    }
  }

  /** Says when the operator could not be told by e-mail; the mailer has logged why. */
  private static void reportNotice(CommandContext context, NoticeEmail notice) {
    if (notice == NoticeEmail.FAILED) {
      context.out().printf("The notice e-mail could not be sent.%n");
    }
  }
}
