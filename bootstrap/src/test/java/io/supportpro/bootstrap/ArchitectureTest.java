package io.supportpro.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the hexagon, checked on the production classes of every module, and the
 * rule that only the Duo adapter and the composition root know Duo.
 */
class ArchitectureTest {
  /** The sources of the modules that name no vendor, from the bootstrap module's directory. */
  private static final List<Path> VENDOR_NEUTRAL_SOURCES =
      List.of(
          Path.of("../domain/src/main"),
          Path.of("../application/src/main"),
          Path.of("../adapters-web/src/main"));

  private static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    ImportOption notTestJars = (Location location) -> !location.contains("-tests.jar");
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(notTestJars)
            .importPackages("io.supportpro");
  }

  @Test
  void everyModuleIsImported() {
    for (String pkg :
        new String[] {
          "io.supportpro.domain",
          "io.supportpro.application.port.in",
          "io.supportpro.application.port.out",
          "io.supportpro.application.service",
          "io.supportpro.adapter.in.web",
          "io.supportpro.adapter.out.persistence",
          "io.supportpro.adapter.out.crypto",
          "io.supportpro.adapter.out.duo",
          "io.supportpro.adapter.out.mail",
          "io.supportpro.bootstrap"
        }) {
      assertThat(production.containPackage(pkg)).as("classes of %s are imported", pkg).isTrue();
    }
  }

  @Test
  void theDomainDependsOnJavaOnly() {
    classes()
        .that()
        .resideInAPackage("io.supportpro.domain..")
        .should()
        .onlyDependOnClassesThat()
        // The JDK's own HMAC (javax.crypto, in java.base) computes TOTP codes.
        .resideInAnyPackage("io.supportpro.domain..", "java..", "javax.crypto..")
        .check(production);
  }

  @Test
  void theApplicationDependsOnTheDomainAndJavaOnly() {
    classes()
        .that()
        .resideInAPackage("io.supportpro.application..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "io.supportpro.application..", "io.supportpro.domain..", "java..", "javax.crypto..")
        .check(production);
  }

  @Test
  void inPortsAndOutPortsNeverDependOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.supportpro.application.port.in..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.supportpro.application.port.out..")
        .check(production);
    noClasses()
        .that()
        .resideInAPackage("io.supportpro.application.port.out..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.supportpro.application.port.in..")
        .check(production);
  }

  @Test
  void portsNeverDependOnServices() {
    noClasses()
        .that()
        .resideInAPackage("io.supportpro.application.port..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.supportpro.application.service..")
        .check(production);
  }

  @Test
  void adaptersNeverDependOnServicesOrOnEachOther() {
    noClasses()
        .that()
        .resideInAPackage("io.supportpro.adapter..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.supportpro.application.service..")
        .check(production);
    slices()
        .matching("io.supportpro.adapter.(*).(*)..")
        .should()
        .notDependOnEachOther()
        .check(production);
  }

  @Test
  void dependenciesPointInwards() {
    onionArchitecture()
        .domainModels("io.supportpro.domain..")
        .applicationServices("io.supportpro.application..")
        .adapter("web", "io.supportpro.adapter.in.web..")
        .adapter("persistence", "io.supportpro.adapter.out.persistence..")
        .adapter("crypto", "io.supportpro.adapter.out.crypto..")
        .adapter("duo", "io.supportpro.adapter.out.duo..")
        .adapter("mail", "io.supportpro.adapter.out.mail..")
        .withOptionalLayers(true)
        .ignoreDependency(
            DescribedPredicate.describe(
                "the composition root",
                (JavaClass c) -> c.getPackageName().startsWith("io.supportpro.bootstrap")),
            DescribedPredicate.alwaysTrue())
        .check(production);
  }

  @Test
  void onlyTheDuoAdapterAndTheCompositionRootKnowDuo() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.supportpro.adapter.out.duo..", "io.supportpro.bootstrap..")
        // The whole name, so that a package named after Duo is caught too.
        .should()
        .haveNameMatching("(?i).*duo.*")
        .orShould()
        .dependOnClassesThat()
        .resideInAPackage("io.supportpro.adapter.out.duo..")
        .check(production);
  }

  /**
   * Reads every file of the core's and the web adapter's sources, resources and templates included
   * (what no class rule sees), and names each line that mentions Duo in any case.
   */
  @Test
  void theCoreAndTheWebAdapterNeverMentionDuo() throws IOException {
    List<String> mentions = new ArrayList<>();
    int read = 0;
    for (Path sources : VENDOR_NEUTRAL_SOURCES) {
      assertThat(sources).as("the sources at %s", sources.toAbsolutePath()).isDirectory();
      List<Path> files;
      try (Stream<Path> walk = Files.walk(sources)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        read++;
        // Byte by byte, so that images and other binary resources are searched as well.
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        for (int line = 0; line < lines.size(); line++) {
          if (lines.get(line).toLowerCase(Locale.ROOT).contains("duo")) {
            mentions.add(file.normalize() + ":" + (line + 1) + ": " + lines.get(line).strip());
          }
        }
      }
    }
    assertThat(read).as("files read").isGreaterThan(100);
    assertThat(mentions).as("lines that mention Duo outside its adapter").isEmpty();
  }

  @Test
  void noPackageCycles() {
    // jOOQ's generated schema classes refer to each other by design; they are not ours to shape.
    DescribedPredicate<JavaClass> generated =
        JavaClass.Predicates.resideInAPackage("io.supportpro.adapter.out.persistence.jooq..");
    slices()
        .matching("io.supportpro.(**)")
        .should()
        .beFreeOfCycles()
        .ignoreDependency(generated, generated)
        .check(production);
  }
}
