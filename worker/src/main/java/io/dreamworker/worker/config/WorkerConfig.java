package io.dreamworker.worker.config;

import static io.dreamworker.worker.config.ConfigKeys.*;

import java.util.Objects;

/**
 * The worker's configuration, one record per section of the file. Built by
 * {@link WorkerConfigLoader}, which has checked every value; pass each part of the worker only the
 * section it needs.
 *
 * @param bundle the {@code bundle} section
 * @param kafka the {@code kafka} section
 * @param jobs the {@code jobs} section
 * @param s3 the {@code s3} section
 * @param engine the {@code engine} section
 * @param http the {@code http} section
 * @param shutdown the {@code shutdown} section
 * @param testing the {@code testing} section
 * @param lagPublisher the {@code lag-publisher} section
 */
public record WorkerConfig(BundleSettings bundle, KafkaSettings kafka, JobsSettings jobs, S3Section s3,
    EngineSettings engine, HttpSettings http, ShutdownSettings shutdown, TestingSettings testing,
    LagPublisherSettings lagPublisher) {

  public WorkerConfig {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(s3, "s3");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(testing, "testing");
    Objects.requireNonNull(lagPublisher, "lagPublisher");
  }

  /** Assembles the sections from values that have all been resolved without problems. */
  static WorkerConfig from(ResolvedValues v) {
    return new WorkerConfig(
        new BundleSettings(v.get(BUNDLE_PATH), v.get(BUNDLE_DEVICE)),
        new KafkaSettings(v.get(KAFKA_BOOTSTRAP_SERVERS), v.get(KAFKA_GROUP_ID), v.get(KAFKA_JOBS_TOPICS),
            v.get(KAFKA_EVENTS_TOPIC), v.get(KAFKA_DEAD_LETTER_TOPIC), v.get(KAFKA_GROUP_PROTOCOL),
            v.get(KAFKA_MAX_IN_FLIGHT), v.get(KAFKA_MAX_IN_FLIGHT_COST), v.get(KAFKA_RESUME_PERCENT),
            v.get(KAFKA_DELIVERY), v.get(KAFKA_TRANSACTIONAL_ID_PREFIX), v.get(KAFKA_TRANSACTION_TIMEOUT),
            v.get(KAFKA_COMMIT_INTERVAL), v.get(KAFKA_OFFSET_METADATA_MAX_BYTES), v.get(KAFKA_PROPERTIES)),
        new JobsSettings(v.get(JOBS_MAX_ATTEMPTS), v.get(JOBS_ATTEMPT_TIMEOUT)),
        new S3Section(v.get(S3_REGION), v.get(S3_ENDPOINT), v.get(S3_PATH_STYLE), v.get(S3_OUTPUT_BUCKET),
            v.get(S3_OUTPUT_PREFIX), v.get(S3_ALLOWED_INPUT_BUCKETS), v.get(S3_MAX_INPUT_IMAGE_BYTES),
            new S3Section.Retry(v.get(S3_RETRY_MAX_ATTEMPTS), v.get(S3_RETRY_INITIAL_BACKOFF),
                v.get(S3_RETRY_MAX_BACKOFF))),
        engine(v),
        new HttpSettings(v.get(HTTP_HOST), v.get(HTTP_PORT)),
        new ShutdownSettings(v.get(SHUTDOWN_DRAIN_TIMEOUT), v.get(SHUTDOWN_CANCEL_TIMEOUT)),
        new TestingSettings(v.get(TESTING_FAULT_INJECTION)),
        new LagPublisherSettings(v.get(LAG_PUBLISHER_ENABLED), v.get(LAG_PUBLISHER_NAMESPACE),
            v.get(LAG_PUBLISHER_INTERVAL), v.get(LAG_PUBLISHER_REGION)));
  }

  static EngineSettings engine(ResolvedValues v) {
    return new EngineSettings(v.get(ENGINE_MAX_RUNNING_SEQUENCES), v.get(ENGINE_KV_CACHE_BUDGET_TOKENS),
        v.get(ENGINE_MAX_DIFFUSION_ROWS_IN_FLIGHT), v.get(ENGINE_MAX_QUEUE_DELAY), v.get(ENGINE_MODE));
  }
}
