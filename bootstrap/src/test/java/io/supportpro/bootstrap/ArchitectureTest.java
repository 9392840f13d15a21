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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of the hexagon, checked on the production classes of every module. */
class ArchitectureTest {
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
        .withOptionalLayers(true)
        .ignoreDependency(
            DescribedPredicate.describe(
                "the composition root",
                (JavaClass c) -> c.getPackageName().startsWith("io.supportpro.bootstrap")),
            DescribedPredicate.alwaysTrue())
        .check(production);
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
