package io.supportpro.bootstrap.benchmark;

import io.supportpro.adapter.out.persistence.DatabaseSettings;
import io.supportpro.adapter.out.persistence.Persistence;
import io.supportpro.adapter.out.persistence.testing.PostgresDatabases;
import io.supportpro.application.port.out.Clock;
import io.supportpro.application.port.out.Mailer;
import io.supportpro.application.port.out.Stores;
import io.supportpro.application.service.PluginOperatorsService;
import io.supportpro.application.testing.FakePromptPlugin;
import io.supportpro.application.testing.FakeSecretCipher;
import io.supportpro.application.testing.InMemoryPluginCatalog;
import io.supportpro.domain.operator.DisplayName;
import io.supportpro.domain.operator.EmailAddress;
import io.supportpro.domain.operator.Operator;
import io.supportpro.domain.operator.OperatorId;
import io.supportpro.domain.operator.PasswordHash;
import io.supportpro.domain.operator.Role;
import io.supportpro.domain.operator.Username;
import io.supportpro.domain.plugin.PluginState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A database the benchmarks measure, empty when opened, and the operators and the active plugin
 * they set up in it through the stores.
 */
enum BenchmarkDatabase {
  H2("embedded H2"),
  POSTGRESQL("embedded PostgreSQL");

  private static final List<String> GIVEN_NAMES =
      List.of(
          "Ada", "Ben", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
          "Kwame", "Lena", "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq",
          "Uma", "Viktor", "Wen", "Xavier", "Yara", "Zoltan", "Amara", "Bruno", "Carmen", "Diego");
  private static final List<String> FAMILY_NAMES =
      List.of(
          "Andersen",
          "Baker",
          "Costa",
          "Dubois",
          "Eriksson",
          "Fischer",
          "García",
          "Hughes",
          "Ivanova",
          "Jensen",
          "Kowalski",
          "Lindqvist",
          "Moreau",
          "Novak",
          "O'Brien",
          "Petrov",
          "Quinn",
          "Rossi",
          "Schmidt",
          "Tanaka",
          "Umarov",
          "Varga",
          "Walsh",
          "Yilmaz",
          "Zhang",
          "Almeida",
          "Becker",
          "Conti",
          "Dalton",
          "Ekström",
          "Ferreira",
          "Gallagher",
          "Horvat",
          "Ibrahim",
          "Janssen",
          "Kim",
          "Larsen",
          "Müller",
          "Nakamura",
          "Olsen");
  private static final List<String> DOMAINS =
      List.of("example.com", "support.example.org", "example.net", "helpdesk.example");

  private final String label;

  BenchmarkDatabase(String label) {
    this.label = label;
  }

  /** What the figures are of. */
  String label() {
    return label;
  }

  /** Where its figures were measured, as {@link BenchmarkFigures} records it. */
  String where() {
    return switch (this) {
      case H2 -> "H2";
      case POSTGRESQL -> "PostgreSQL";
    };
  }

  /**
   * A benchmark's database, open, which closing deletes: each holds up to gigabytes, and a run
   * makes several.
   */
  record Opened(Persistence persistence, Runnable delete) implements AutoCloseable {
    /** Its stores. */
    Stores stores() {
      return persistence.stores();
    }

    @Override
    public void close() {
      try {
        persistence.close();
      } finally {
        delete.run();
      }
    }
  }

  /** A new, empty database of this kind, migrated. */
  Opened open() throws IOException, ClassNotFoundException {
    // Maven runs each benchmark in a class loader of its own within one JVM, and the JDK looks for
    // JDBC drivers with the service loader only once per JVM, in the first: load this one here.
    Class.forName(
        switch (this) {
          case H2 -> "org.h2.Driver";
          case POSTGRESQL -> "org.postgresql.Driver";
        });
    return switch (this) {
      case H2 -> {
        Path directory = Files.createTempDirectory("supportpro-bench-");
        yield new Opened(
            Persistence.open(DatabaseSettings.embeddedH2(directory)),
            () -> ScratchDirectories.delete(directory));
      }
      case POSTGRESQL -> {
        DatabaseSettings settings = PostgresDatabases.freshDatabase();
        yield new Opened(Persistence.open(settings), () -> PostgresDatabases.drop(settings));
      }
    };
  }

  /**
   * The {@code i}-th seeded operator: varied names, one in 50 an administrator, one in 10 not
   * active.
   */
  static Operator operator(int i) {
    String given = GIVEN_NAMES.get(i % GIVEN_NAMES.size());
    String family = FAMILY_NAMES.get((i / GIVEN_NAMES.size()) % FAMILY_NAMES.size());
    String plainFamily = family.replace("'", "").replace("í", "i").replace("ö", "o");
    String name = (given.charAt(0) + plainFamily + i).toLowerCase(java.util.Locale.ROOT);
    return new Operator(
        OperatorId.random(),
        new Username(name),
        new EmailAddress(name + "@" + DOMAINS.get(i % DOMAINS.size())),
        new DisplayName(given + " " + family),
        i % 50 == 0 ? Role.ADMINISTRATOR : Role.OPERATOR,
        i % 10 != 0);
  }

  /**
   * Adds {@code count} operators through the operator store, as {@link ParallelSeeding} adds rows;
   * returns the seconds it took.
   */
  static long seed(Stores stores, int count) throws Exception {
    var hash = new PasswordHash("$benchmark$not-a-real-hash");
    return ParallelSeeding.seconds(count, i -> stores.operators().add(operator(i), hash));
  }

  /**
   * Installs, activates and configures the fake prompt plugin, and returns the service that changes
   * which operators use it.
   */
  static PluginOperatorsService activePlugin(Stores stores) {
    var plugin = new FakePromptPlugin();
    stores.plugins().transition(FakePromptPlugin.ID, PluginState.AVAILABLE, PluginState.INACTIVE);
    stores.plugins().transition(FakePromptPlugin.ID, PluginState.INACTIVE, PluginState.ACTIVE);
    stores
        .plugins()
        .saveSettingsIfActive(FakePromptPlugin.ID, FakePromptPlugin.saved(new FakeSecretCipher()));
    return new PluginOperatorsService(
        new InMemoryPluginCatalog(List.of(plugin)),
        stores.plugins(),
        stores.operators(),
        stores.auditLog(),
        Mailer.none(),
        Clock.system());
  }
}
