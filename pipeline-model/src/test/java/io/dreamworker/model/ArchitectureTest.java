package io.dreamworker.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency directions of DESIGN.md, kept true by the build. */
@AnalyzeClasses(packages = "io.dreamworker.model", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** pipeline-model is embeddable on its own: no Kafka, no S3, nothing of the worker. */
  @ArchTest
  static final ArchRule modelKnowsNoTransport = noClasses()
      .that().resideInAPackage("io.dreamworker.model..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "org.apache.kafka..", "software.amazon..", "io.dreamworker.worker..", "io.dreamworker.schemas..");

  /** Components do not reach up into bundles, pipelines or the conformance checks. */
  @ArchTest
  static final ArchRule componentsStandAlone = noClasses()
      .that().resideInAnyPackage("io.dreamworker.model.llm..", "io.dreamworker.model.vision..",
          "io.dreamworker.model.diffusion..", "io.dreamworker.model.text..", "io.dreamworker.model.dream..",
          "io.dreamworker.model.weights..", "io.dreamworker.model.nn..")
      .should().dependOnClassesThat().resideInAnyPackage("io.dreamworker.model.bundle..",
          "io.dreamworker.model.pipeline..", "io.dreamworker.model.conformance..");
}
