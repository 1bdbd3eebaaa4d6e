package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigLoaderTest {
  private static final String REQUIRED = """
      bundle:
        path: /models/shapes
      kafka:
        bootstrap-servers: localhost:9092
      s3:
        output-bucket: dreamworker-outputs
      """;
  private static final Map<String, String> REQUIRED_ENV = Map.of(
      "DREAMWORKER_BUNDLE_PATH", "/models/shapes",
      "DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
      "DREAMWORKER_S3_OUTPUT_BUCKET", "dreamworker-outputs");

  @TempDir Path dir;

  /** Reads {@code yaml} with {@code env} and the required keys in the environment. */
  private static WorkerConfig parse(String yaml, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(REQUIRED_ENV);
    all.putAll(env);
    return WorkerConfigLoader.parse(yaml, "worker.yaml", all);
  }

  private static WorkerConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  private static List<String> problems(String yaml, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(REQUIRED_ENV);
    all.putAll(env);
    return problemsWithExactly(yaml, all);
  }

  /** Problems of {@code yaml} with {@code env} and nothing more. */
  private static List<String> problemsWithExactly(String yaml, Map<String, String> env) {
    try {
      WorkerConfigLoader.parse(yaml, "worker.yaml", env);
    } catch (ConfigException e) {
      return e.problems();
    }
    throw new AssertionError("expected a ConfigException");
  }

  private static List<String> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  // --- the example file and the defaults

  @Test
  void exampleFile_equalsTheDefaultsPlusTheRequiredValues() throws Exception {
    String example;
    try (InputStream in = WorkerConfig.class.getResourceAsStream("/dreamworker/worker.example.yaml")) {
      example = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    WorkerConfig fromExample = WorkerConfigLoader.parse(example, "worker.example.yaml", Map.of());
    assertThat(fromExample).isEqualTo(WorkerConfigLoader.fromEnvironment(REQUIRED_ENV));
  }

  @Test
  void exampleFile_setsEveryKey() throws Exception {
    JsonNode root = new YAMLMapper().readTree(
        WorkerConfig.class.getResourceAsStream("/dreamworker/worker.example.yaml"));
    List<String> paths = new ArrayList<>();
    collectKeys(root, "", paths);
    assertThat(paths).containsExactlyElementsOf(ConfigKeys.ALL.stream().map(ConfigKey::name).toList());
  }

  private static void collectKeys(JsonNode node, String prefix, List<String> out) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = prefix + e.getKey();
      if (e.getValue().isObject() && ConfigKeys.named(path).isEmpty()) {
        collectKeys(e.getValue(), path + ".", out);
      } else {
        out.add(path);
      }
    }
  }

  @Test
  void requiredKeysOnly_giveTheDocumentedDefaults() {
    WorkerConfig c = WorkerConfigLoader.parse(REQUIRED, "worker.yaml", Map.of());
    assertThat(c.bundle()).isEqualTo(new BundleSettings(Path.of("/models/shapes"), BundleSettings.Device.AUTO));
    assertThat(c.kafka()).isEqualTo(new KafkaSettings("localhost:9092", "dreamworker", List.of("dreamworker.jobs"),
        "dreamworker.events", "dreamworker.dlq", KafkaSettings.GroupProtocol.CONSUMER, 64, 100_000, 75,
        KafkaSettings.Delivery.EXACTLY_ONCE, Optional.empty(), Duration.ofSeconds(15), Duration.ofMillis(100), 4096,
        Map.of()));
    assertThat(c.jobs()).isEqualTo(new JobsSettings(3, Duration.ofMinutes(10)));
    assertThat(c.testing()).isEqualTo(new TestingSettings(false));
    assertThat(c.s3()).isEqualTo(new S3Section(Optional.empty(), Optional.empty(), false, "dreamworker-outputs",
        "dreamworker", List.of(), 8L << 20, new S3Section.Retry(5, Duration.ofMillis(200), Duration.ofSeconds(5))));
    assertThat(c.engine()).isEqualTo(new EngineSettings(16, 16_384, 8, Duration.ofMillis(5), EngineSettings.Mode.CONTINUOUS));
    assertThat(c.http()).isEqualTo(new HttpSettings("0.0.0.0", 8080));
    assertThat(c.shutdown()).isEqualTo(new ShutdownSettings(Duration.ofSeconds(60), Duration.ofSeconds(5)));
    assertThat(c.lagPublisher()).isEqualTo(
        new LagPublisherSettings(false, "Dreamworker", Duration.ofSeconds(60), Optional.empty()));
  }

  // --- every type from the file

  @Test
  void everyType_parsesFromTheFile() {
    WorkerConfig c = WorkerConfigLoader.parse("""
        bundle: {path: /m/b, device: gpu}
        kafka:
          bootstrap-servers: "a:9092,b:9092"
          jobs-topics: [jobs.a, jobs.b]
          group-protocol: classic
          max-in-flight: 8
          properties:
            security.protocol: SASL_SSL
            sasl:
              mechanism: PLAIN
        s3:
          region: eu-west-1
          endpoint: http://127.0.0.1:9000
          path-style: true
          output-bucket: out
          allowed-input-buckets: [in-a, in-b]
          max-input-image-bytes: 512KiB
          retry: {max-attempts: 3, initial-backoff: PT0.1S, max-backoff: 2m}
        engine: {kv-cache-budget-tokens: 2147483648, max-queue-delay: 0s}
        http: {port: 0}
        shutdown: {drain-timeout: 1h}
        lag-publisher: {enabled: true, region: us-east-1}
        """, "worker.yaml", Map.of());
    assertThat(c.bundle().device()).isEqualTo(BundleSettings.Device.GPU);
    assertThat(c.kafka().bootstrapServers()).isEqualTo("a:9092,b:9092");
    assertThat(c.kafka().jobsTopics()).containsExactly("jobs.a", "jobs.b");
    assertThat(c.kafka().groupProtocol()).isEqualTo(KafkaSettings.GroupProtocol.CLASSIC);
    assertThat(c.kafka().maxInFlight()).isEqualTo(8);
    assertThat(c.kafka().properties()).isEqualTo(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN"));
    assertThat(c.s3().region()).contains("eu-west-1");
    assertThat(c.s3().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(c.s3().pathStyle()).isTrue();
    assertThat(c.s3().allowedInputBuckets()).containsExactly("in-a", "in-b");
    assertThat(c.s3().maxInputImageBytes()).isEqualTo(512 * 1024);
    assertThat(c.s3().retry()).isEqualTo(new S3Section.Retry(3, Duration.ofMillis(100), Duration.ofMinutes(2)));
    assertThat(c.engine().kvCacheBudgetTokens()).isEqualTo(2_147_483_648L);
    assertThat(c.engine().maxQueueDelay()).isZero();
    assertThat(c.http().port()).isZero();
    assertThat(c.shutdown().drainTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(c.lagPublisher().enabled()).isTrue();
    assertThat(c.lagPublisher().region()).contains("us-east-1");
  }

  @Test
  void emptySectionsAndNullValues_takeTheDefaults() {
    WorkerConfig c = parse("engine:\nhttp:\n  port:\nlag-publisher: {}\n");
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.engine().maxRunningSequences()).isEqualTo(16);
  }

  @Test
  void file_isReadFromDisk() throws Exception {
    Path file = dir.resolve("worker.yaml");
    Files.writeString(file, REQUIRED + "http: {port: 9100}\n");
    assertThat(WorkerConfigLoader.load(file, Map.of()).bundle().path()).isEqualTo(Path.of("/models/shapes"));
    assertThat(WorkerConfigLoader.load(file, Map.of()).http().port()).isEqualTo(9100);
  }

  // --- environment overrides

  @Test
  void environment_overridesTheFile() {
    WorkerConfig c = parse("http: {port: 9100}\n", Map.of(
        "DREAMWORKER_HTTP_PORT", "9200",
        "DREAMWORKER_S3_RETRY_INITIAL_BACKOFF", "1s",
        "DREAMWORKER_BUNDLE_DEVICE", "cpu",
        "DREAMWORKER_S3_ENDPOINT", "https://minio.local",
        "DREAMWORKER_LAG_PUBLISHER_ENABLED", "true",
        "DREAMWORKER_S3_MAX_INPUT_IMAGE_BYTES", "16MiB"));
    assertThat(c.http().port()).isEqualTo(9200);
    assertThat(c.s3().retry().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.bundle().device()).isEqualTo(BundleSettings.Device.CPU);
    assertThat(c.s3().endpoint()).contains(URI.create("https://minio.local"));
    assertThat(c.lagPublisher().enabled()).isTrue();
    assertThat(c.s3().maxInputImageBytes()).isEqualTo(16L << 20);
  }

  @Test
  void environmentLists_areCommaSeparated() {
    WorkerConfig c = parse("s3: {allowed-input-buckets: [x-in]}\n", Map.of("DREAMWORKER_KAFKA_JOBS_TOPICS", "jobs.a, jobs.b", "DREAMWORKER_S3_ALLOWED_INPUT_BUCKETS", ""));
    assertThat(c.kafka().jobsTopics()).containsExactly("jobs.a", "jobs.b");
    assertThat(c.s3().allowedInputBuckets()).isEmpty();
  }

  @Test
  void kafkaPropertyVariables_setOneEntryEach_overTheFilesEntries() {
    WorkerConfig c = parse("""
        kafka:
          properties: {security.protocol: PLAINTEXT, client.rack: use1-az1}
        """, Map.of(
        "DREAMWORKER_KAFKA_PROPERTY_SECURITY_PROTOCOL", "SASL_SSL",
        "DREAMWORKER_KAFKA_PROPERTY_SASL_MECHANISM", "SCRAM-SHA-512"));
    assertThat(c.kafka().properties()).isEqualTo(Map.of(
        "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "client.rack", "use1-az1"));
  }

  @Test
  void requiredKeys_mayComeFromTheEnvironmentAlone() {
    WorkerConfig c = WorkerConfigLoader.fromEnvironment(REQUIRED_ENV);
    assertThat(c.bundle().path()).isEqualTo(Path.of("/models/shapes"));
    assertThat(c.s3().outputBucket()).isEqualTo("dreamworker-outputs");
  }

  @Test
  void dreamworkerVariablesOutsideTheSections_areNotKeysAndIgnored() {
    Map<String, String> env = new HashMap<>(REQUIRED_ENV);
    env.put("DREAMWORKER_CONFIG", "/etc/dreamworker.yaml");
    env.put("DREAMWORKER_LOG_FORMAT", "json");
    env.put("PATH", "/usr/bin");
    assertThat(WorkerConfigLoader.fromEnvironment(env).http().port()).isEqualTo(8080);
  }

  // --- problems, one line each

  @Test
  void unknownKey_isReportedWithTheClosestKnownKey() {
    assertThat(problems("http: {prot: 80}\n"))
        .containsExactly("http.prot: unknown key (in worker.yaml); did you mean http.port?");
  }

  @Test
  void unknownKeyLikeNone_pointsAtTheListOfKeys() {
    assertThat(problems("metrics: {histograms: true}\n"))
        .containsExactly("metrics.histograms: unknown key (in worker.yaml); 'dreamworker config keys' lists the keys");
  }

  @Test
  void misspeltSection_reportsEachKeyUnderItWithASuggestion() {
    assertThat(problems("shutdwn: {drain-timeout: 5s}\n"))
        .containsExactly("shutdwn.drain-timeout: unknown key (in worker.yaml); did you mean shutdown.drain-timeout?");
  }

  @Test
  void misspeltEnvironmentVariable_inASectionsNamespace_isReportedWithTheClosestVariable() {
    Map<String, String> env = Map.of("DREAMWORKER_KAFKA_BOOTSTRAP_SERVER", "x:1");
    assertThat(problems("", env)).containsExactly("env DREAMWORKER_KAFKA_BOOTSTRAP_SERVER: names no"
        + " configuration key; did you mean DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS (kafka.bootstrap-servers)?");
    assertThat(problems("", Map.of("DREAMWORKER_KAFKA_PROPERTIES", "a=b"))).singleElement().asString()
        .startsWith("env DREAMWORKER_KAFKA_PROPERTIES: names no configuration key; did you mean DREAMWORKER_KAFKA_PROPERTY_");
  }

  @Test
  void wrongType_namesTheKeyTheValueAndWhereItCameFrom() {
    assertThat(problems("engine: {max-running-sequences: many}\n"))
        .containsExactly("engine.max-running-sequences: \"many\" is not an integer; write a whole number such as 16"
            + " (from worker.yaml)");
    assertThat(problems("", Map.of("DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT", "60")))
        .containsExactly("shutdown.drain-timeout: \"60\" is not a duration; write a whole number and a unit"
            + " (ns, us, ms, s, m, h, d) such as 200ms or 5s, or ISO-8601 such as PT5S"
            + " (from env DREAMWORKER_SHUTDOWN_DRAIN_TIMEOUT)");
    assertThat(problems("http: {port: [80]}\n"))
        .containsExactly("http.port: expected integer, got a list (from worker.yaml)");
  }

  @Test
  void outOfBounds_namesTheBound() {
    assertThat(problems("http: {port: 70000}\n"))
        .containsExactly("http.port: 70000 is above the maximum 65535 (from worker.yaml)");
    assertThat(problems("", Map.of("DREAMWORKER_S3_MAX_INPUT_IMAGE_BYTES", "2GiB")))
        .containsExactly("s3.max-input-image-bytes: 2GiB is above the maximum 1GiB"
            + " (from env DREAMWORKER_S3_MAX_INPUT_IMAGE_BYTES)");
  }

  @Test
  void missingRequiredKeys_areEachReportedWithTheirVariable() {
    assertThat(problems("", Map.of("DREAMWORKER_BUNDLE_PATH", "", "DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS", "",
        "DREAMWORKER_S3_OUTPUT_BUCKET", ""))).containsExactly(
        "bundle.path: required and not set; set it in the configuration file or in DREAMWORKER_BUNDLE_PATH"
            + " (Directory holding the model bundle (its bundle.json))",
        "kafka.bootstrap-servers: required and not set; set it in the configuration file or in"
            + " DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS (Kafka brokers to connect to first, as host:port pairs)",
        "s3.output-bucket: required and not set; set it in the configuration file or in"
            + " DREAMWORKER_S3_OUTPUT_BUCKET (Bucket the generated documents and images are written to)");
  }

  @Test
  void blankRequiredValue_countsAsNotSet() {
    assertThat(problems("s3: {output-bucket: \"\"}", Map.of("DREAMWORKER_S3_OUTPUT_BUCKET", "")))
        .singleElement().asString().startsWith("s3.output-bucket: required and not set");
    assertThat(problems("", Map.of("DREAMWORKER_BUNDLE_PATH", " ")))
        .singleElement().asString().startsWith("bundle.path: required and not set");
  }

  @Test
  void crossKeyRule_namesBothKeys() {
    assertThat(problems("s3: {retry: {initial-backoff: 10s}}\n")).singleElement().asString()
        .startsWith("s3.retry.initial-backoff (10s) is longer than s3.retry.max-backoff (5s)");
    assertThat(problems("", Map.of("DREAMWORKER_S3_RETRY_INITIAL_BACKOFF", "10s")))
        .containsExactly("s3.retry.initial-backoff (10s) is longer than s3.retry.max-backoff (5s);"
            + " lower s3.retry.initial-backoff or raise s3.retry.max-backoff");
  }

  @Test
  void kafkaPropertySetByAKey_isRefusedNamingTheKey() {
    assertThat(problems("", Map.of("DREAMWORKER_KAFKA_PROPERTY_GROUP_ID", "other")))
        .containsExactly("kafka.properties: sets group.id, which comes from kafka.group-id; set that key instead"
            + " and remove group.id from kafka.properties (from the environment)");
  }

  @Test
  void sectionGivenAValue_isReportedAsASection() {
    assertThat(problems("engine: fast\n"))
        .containsExactly("engine: is a section, not a value (in worker.yaml); give it keys such as"
            + " engine.max-running-sequences");
  }

  @Test
  void invalidYaml_isOneProblemWithItsPosition() {
    assertThat(problems("bundle: [unclosed\n")).containsExactly("worker.yaml: not valid YAML: while parsing a"
        + " flow sequence, expected ',' or ']', but got <stream end> at line 1, column 18");
    assertThat(problems("http: {port: 1}\nhttp: {host: a}\n")).singleElement().asString()
        .startsWith("worker.yaml: not valid YAML: Duplicate field 'http'");
    assertThat(problems("- a\n- b\n")).containsExactly(
        "worker.yaml: the file is not a map of sections; it should start with a section such as \"bundle:\"");
  }

  @Test
  void unreadableFile_isAProblemNamingIt() {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> WorkerConfigLoader.load(missing, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing + ": cannot read the configuration file (no such file)")
        .hasMessageContaining("--config or DREAMWORKER_CONFIG");
  }

  @Test
  void engineLimitsBelowTheDefaultBatchSizes_areAccepted() {
    assertThat(parse("engine: {max-running-sequences: 1, max-diffusion-rows-in-flight: 2}\n").engine()
        .toEngineConfig().scheduling().maxRunningSequences()).isEqualTo(1);
  }

  @Test
  void everyProblem_isReportedAtOnce() {
    List<String> problems = problemsWithExactly("""
        bundle: {device: tpu}
        kafka: {max-in-flight: 0, events-topic: same, dead-letter-topic: same, bootstrap-servers: nohost}
        s3: {output-bucket: Bad_Bucket, retry: {initial-backoff: 1m, max-backoff: 1s}}
        http: {prot: 1}
        """, Map.of("DREAMWORKER_HTTP_PORT", "-1"));
    assertThat(problems).hasSize(9);
    assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("http.prot: unknown key"))
        .anySatisfy(p -> assertThat(p).startsWith("bundle.path: required"))
        .anySatisfy(p -> assertThat(p).startsWith("bundle.device: \"tpu\" is not one of auto, cpu, gpu"))
        .anySatisfy(p -> assertThat(p).startsWith("kafka.bootstrap-servers: \"nohost\" is not host:port"))
        .anySatisfy(p -> assertThat(p).startsWith("kafka.max-in-flight: 0 is below the minimum 1"))
        .anySatisfy(p -> assertThat(p).startsWith("s3.output-bucket: \"Bad_Bucket\" is not an S3 bucket name"))
        .anySatisfy(p -> assertThat(p).startsWith("http.port: -1 is below the minimum 0"))
        .anySatisfy(p -> assertThat(p).startsWith("s3.retry.initial-backoff (1m) is longer than s3.retry.max-backoff"))
        .anySatisfy(p -> assertThat(p).startsWith("kafka.events-topic and kafka.dead-letter-topic are both"));
  }

  @Property(tries = 200)
  void anyUnknownKey_isReportedByItsPath(@ForAll("unknownPaths") String path) {
    String[] parts = path.split("\\.");
    StringBuilder yaml = new StringBuilder();
    String indent = "";
    for (int i = 0; i < parts.length; i++) {
      yaml.append(indent).append(parts[i]).append(i == parts.length - 1 ? ": 1\n" : ":\n");
      indent += "  ";
    }
    List<String> problems = problems(yaml.toString());
    assertThat(problems).singleElement().asString().startsWith(path + ": unknown key (in worker.yaml)");
  }

  @Provide
  Arbitrary<String> unknownPaths() {
    Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').withChars('-').ofMinLength(1).ofMaxLength(12)
        .filter(w -> !w.startsWith("-"));
    Arbitrary<String> section = Arbitraries.of("zz", "kafka", "s3", "s3.retry", "engine", "http", "metrics");
    return net.jqwik.api.Combinators.combine(section, word).as((s, w) -> s + "." + w)
        .filter(p -> ConfigKeys.named(p).isEmpty()
            && ConfigKeys.ALL.stream().noneMatch(k -> k.name().startsWith(p + ".") || p.startsWith(k.name() + ".")));
  }
}
