// What deploy/ must agree with: the worker's configuration keys and metric names (the worker
// contract, docs/architecture.md), and the lag metric names in the Java code.
import fs from 'node:fs';
import path from 'node:path';

// Every configuration key of the worker; the environment variable of a key is DREAMWORKER_ + the
// key's path upper-cased with '.' and '-' turned into '_'.
export const CONFIG_KEYS = [
  'bundle.path', 'bundle.device',
  'kafka.bootstrap-servers', 'kafka.group-id', 'kafka.jobs-topics', 'kafka.events-topic',
  'kafka.dead-letter-topic', 'kafka.group-protocol', 'kafka.max-in-flight', 'kafka.properties',
  's3.region', 's3.endpoint', 's3.path-style', 's3.output-bucket', 's3.output-prefix',
  's3.allowed-input-buckets', 's3.max-input-image-bytes', 's3.retry.max-attempts',
  's3.retry.initial-backoff', 's3.retry.max-backoff',
  'engine.max-running-sequences', 'engine.kv-cache-budget-tokens',
  'engine.max-diffusion-rows-in-flight', 'engine.max-queue-delay',
  'http.host', 'http.port', 'shutdown.drain-timeout',
  'lag-publisher.enabled', 'lag-publisher.namespace', 'lag-publisher.interval', 'lag-publisher.region',
];

export const envName = (key) => 'DREAMWORKER_' + key.toUpperCase().replace(/[.-]/g, '_');

// Variables that are not configuration keys: Kafka client properties, the entrypoint's bundle
// source, the launcher's JVM flags.
export const isKnownWorkerEnv = (name) =>
  CONFIG_KEYS.some((k) => envName(k) === name)
  || /^DREAMWORKER_KAFKA_PROPERTY_[A-Z0-9_]+$/.test(name)
  || ['DREAMWORKER_BUNDLE_S3_URI', 'DREAMWORKER_JAVA_OPTS', 'DREAMWORKER_MAX_RAM_PERCENTAGE',
    'DREAMWORKER_LOG_LEVEL', 'DREAMWORKER_CONFIG'].includes(name);

// The worker's Prometheus metrics (Micrometer names as exposed at GET /metrics).
export const METRICS = [
  'dreamworker_jobs_total', 'dreamworker_job_duration_seconds', 'dreamworker_jobs_in_flight',
  'dreamworker_partitions_assigned', 'dreamworker_partitions_paused',
  'dreamworker_consumer_lag_records', 'dreamworker_dead_letters_total',
  'dreamworker_engine_batch_rows', 'dreamworker_engine_batch_duration_seconds',
  'dreamworker_engine_queue_wait_seconds', 'dreamworker_engine_tokens_total',
  'dreamworker_engine_images_total', 'dreamworker_engine_requests_total',
  'dreamworker_s3_retries_total', 'dreamworker_s3_request_duration_seconds',
  'dreamworker_jobs_in_flight_cost', 'dreamworker_commits_seconds', 'dreamworker_commits_aborted_total',
  'dreamworker_records_published_total', 'dreamworker_records_skipped_total', 'dreamworker_job_retries_total',
  'dreamworker_jobs_abandoned_total', 'dreamworker_partitions_metadata_full_total',
];
// Suffixes Prometheus adds to histograms and summaries.
export const METRIC_SUFFIXES = ['', '_bucket', '_sum', '_count', '_max'];

/** Reads `static final String NAME = "value";` constants from a Java source file. */
export function javaStringConstants(file) {
  const text = fs.readFileSync(file, 'utf8');
  const constants = {};
  for (const m of text.matchAll(/static\s+final\s+String\s+([A-Z_][A-Z0-9_]*)\s*=\s*"([^"]*)"\s*;/g)) {
    constants[m[1]] = m[2];
  }
  return constants;
}

/** Reads a `Duration.ofSeconds(N)` constant. */
export function javaDurationSeconds(file, name) {
  const text = fs.readFileSync(file, 'utf8');
  const m = text.match(new RegExp(`static\\s+final\\s+Duration\\s+${name}\\s*=\\s*Duration\\.ofSeconds\\((\\d+)\\)`));
  return m ? Number(m[1]) : undefined;
}

export const lagPackage = (root) => path.join(root, 'worker/src/main/java/io/dreamworker/worker/lag');
