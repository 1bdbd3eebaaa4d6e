package io.dreamworker.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The worker's dependency directions: the parts (consumer loop, offsets, processing, events,
 * storage, config, ops, stack) know nothing of each other beyond what their contracts need, and
 * only {@code service} (the assembly), {@code demo} and {@code cli} see them all.
 */
@AnalyzeClasses(packages = "io.dreamworker.worker", importOptions = ImportOption.DoNotIncludeTests.class)
class WorkerArchitectureTest {
  private static final String W = "io.dreamworker.worker.";

  /** Offset tracking is plain bookkeeping: no Kafka, nothing else of the worker. */
  @ArchTest
  static final ArchRule commitStandsAlone = noClasses().that().resideInAPackage(W + "commit..")
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", W + "ingest..", W + "processing..",
          W + "service..", W + "storage..", W + "events..");

  /** The consumer loop hands records to a handler; what the handler does is not its business. */
  @ArchTest
  static final ArchRule ingestKnowsOnlyOffsets = noClasses().that().resideInAPackage(W + "ingest..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "processing..", W + "storage..", W + "events..",
          W + "service..", W + "ops..", W + "config..", "io.dreamworker.model..", "software.amazon..");

  /** Delivery commits Kafka records with offsets; it knows nothing of jobs or of the loop. */
  @ArchTest
  static final ArchRule deliveryKnowsOnlyKafka = noClasses().that().resideInAPackage(W + "delivery..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "ingest..", W + "commit..", W + "processing..",
          W + "service..", W + "storage..", W + "events..", W + "ops..", W + "config..", "io.dreamworker.model..",
          "io.dreamworker.schemas..");

  /** Processing sees S3 and the model through its own small interfaces, never the SDK or the engine class. */
  @ArchTest
  static final ArchRule processingUsesPorts = noClasses().that().resideInAPackage(W + "processing..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "storage..", W + "service..", W + "ops..",
          W + "config..", "software.amazon..")
      .orShould().dependOnClassesThat().haveFullyQualifiedName("io.dreamworker.model.engine.DreamEngine");

  /** Storage, events, config, ops and the stack are leaves. */
  @ArchTest
  static final ArchRule leavesStayLeaves = noClasses()
      .that().resideInAnyPackage(W + "storage..", W + "events..", W + "config..", W + "ops..", W + "stack..",
          W + "lag..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "ingest..", W + "processing..", W + "service..",
          W + "demo..", W + "cli..");

  /** Nothing depends on the command line or the demo but the command line. */
  @ArchTest
  static final ArchRule cliIsTheTop = noClasses().that().resideOutsideOfPackage(W + "cli..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "cli..");

  @ArchTest
  static final ArchRule demoIsNotProduction = noClasses().that().resideInAnyPackage(W + "service..", W + "ingest..",
          W + "processing..", W + "storage..", W + "events..", W + "ops..", W + "config..", W + "delivery..",
          W + "commit..")
      .should().dependOnClassesThat().resideInAnyPackage(W + "demo..", W + "stack..");
}
