package io.dreamworker.model.engine.scheduling;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The scheduler decides on plain data; the model runner is the only part of the engine on DJL. */
class SchedulingArchitectureTest {

  private static final String SCHEDULING = "io.dreamworker.model.engine.scheduling..";

  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(new ImportOption.DoNotIncludeTests())
      .importPackages("io.dreamworker.model.engine.scheduling");

  @Test
  void scheduling_dependsOnNoDjlClass() {
    noClasses().that().resideInAPackage(SCHEDULING)
        .should().dependOnClassesThat().resideInAPackage("ai.djl..")
        .because("the scheduler never touches the model; the runner executes its decisions")
        .check(CLASSES);
  }

  @Test
  void scheduling_dependsOnlyOnItselfAndTheJdk() {
    classes().that().resideInAPackage(SCHEDULING)
        .should().onlyDependOnClassesThat().resideInAnyPackage(SCHEDULING, "java..")
        .because("scheduling is plain Java over plain data")
        .check(CLASSES);
  }
}
