package io.dreamworker.worker.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * A real Apache Kafka broker, single node in KRaft mode (one process that is broker and controller),
 * run as a child JVM on 127.0.0.1 with the same JDK as this process.
 *
 * <p>{@link #start} formats the storage in a new data folder, starts the broker on free ports and
 * returns once it answers an AdminClient's describeCluster. The folder holds {@value #PROPERTIES_FILE},
 * the metadata log and topics under {@value #LOG_DIRS}, and the broker's output in {@value #LOG_FILE}
 * (nothing goes to this process's output).
 *
 * <p>Settings that differ from Kafka's defaults, and why:
 * <ul>
 *   <li>internal topics (consumer offsets, transaction state, share-group state) have replication
 *       factor and minimum ISR 1, since there is one broker: without it transactions and groups
 *       cannot start;
 *   <li>{@value #INTERNAL_TOPIC_PARTITIONS} partitions for the offsets and transaction topics, not
 *       50, so that the first group and the first transaction start in well under a second;
 *   <li>transactions past their timeout are looked for every {@value #TRANSACTION_ABORT_CHECK_MS} ms,
 *       not every 10 s, so that a killed worker's open transaction is aborted promptly;
 *   <li>no automatic topic creation: a typo in a topic name fails instead of creating a topic;
 *   <li>no initial rebalance delay for classic groups, and for KIP-848 ({@code consumer}) groups a
 *       {@value #CONSUMER_HEARTBEAT_MS} ms heartbeat and a {@value #CONSUMER_SESSION_MS} ms session:
 *       assignments move within a second or two, and a killed consumer's partitions move within
 *       seconds rather than 45 s, which is what tests of rebalances and crashes need.
 * </ul>
 * The {@code consumer} rebalance protocol (KIP-848) is on by Kafka 4's default (the format step
 * writes {@code group.version=1}); {@code group.coordinator.rebalance.protocols} is deprecated in
 * Kafka 4.4, so it is left out.
 */
public final class KafkaBroker implements AutoCloseable {
  /**
   * How long each step of a start (formatting, listening, answering) may take: the whole start
   * takes about 4 s here, but 2 shared cores under a parallel build are slower.
   */
  public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  /** How long a clean shutdown may take before the broker is killed (it takes under a second). */
  static final Duration STOP_GRACE = Duration.ofSeconds(15);
  /** How long an administrative request (create topics, wait for their leaders) may take. */
  static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
  /** Pause between two looks at new topics' leaders. */
  private static final Duration LEADER_POLL_INTERVAL = Duration.ofMillis(50);
  /** How long the describeCluster probe waits for an answer before the next probe. */
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  /** The broker's heap: ample for test and demo traffic. */
  static final String MAX_HEAP = "512m";
  /** The storage formatter's heap. */
  static final String FORMAT_MAX_HEAP = "256m";

  /** Partitions of the consumer offsets and transaction state topics (Kafka's default is 50). */
  static final int INTERNAL_TOPIC_PARTITIONS = 4;
  /** Heartbeat interval of KIP-848 consumer groups (Kafka's default is 5 s). */
  static final int CONSUMER_HEARTBEAT_MS = 1000;
  /** Session timeout of KIP-848 consumer groups (Kafka's default is 45 s). */
  static final int CONSUMER_SESSION_MS = 6000;
  /**
   * How often the broker looks for transactions past their timeout (Kafka's default is 10 s): a
   * killed worker's open transaction is aborted within a second of its timeout, which holds up
   * read_committed readers and the partition's next owner no longer than that.
   */
  static final int TRANSACTION_ABORT_CHECK_MS = 1000;
  /** Replication factor of every topic: there is one broker. */
  private static final short REPLICATION_FACTOR = 1;
  /** This broker's node id (and the only voter of the controller quorum). */
  private static final int NODE_ID = 1;

  static final String PROPERTIES_FILE = "server.properties";
  static final String LOG4J_FILE = "log4j2.properties";
  static final String LOG_FILE = "broker.log";
  static final String LOG_DIRS = "kraft";

  /** The broker's logging: everything to standard output, which goes to {@value #LOG_FILE}. */
  private static final String LOG4J_CONFIG = """
      rootLogger.level = INFO
      rootLogger.appenderRef.out.ref = OUT
      appender.out.type = Console
      appender.out.name = OUT
      appender.out.layout.type = PatternLayout
      appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
      """;

  private final ChildJvm jvm;
  private final String bootstrapServers;
  private final Path dataDir;
  private final Admin admin;
  private final Duration startupTime;

  private KafkaBroker(ChildJvm jvm, String bootstrapServers, Path dataDir, Admin admin, Duration startupTime) {
    this.jvm = jvm;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
    this.admin = admin;
    this.startupTime = startupTime;
  }

  /**
   * Formats a new broker's storage in {@code dataDir}, starts it, and waits until it answers.
   *
   * @param dataDir a folder that does not hold a broker's data yet (created when missing)
   * @throws StackException when the folder holds data already, or the broker does not start
   *     within {@link #START_TIMEOUT} (the message quotes its log)
   */
  public static KafkaBroker start(StackLib lib, Path dataDir) {
    long started = System.nanoTime();
    Path dir = dataDir.toAbsolutePath().normalize();
    if (Files.exists(dir.resolve(LOG_DIRS))) {
      throw new StackException(dir + " holds a Kafka broker's data already (" + LOG_DIRS
          + "/): give the broker a new or empty folder");
    }
    int[] ports = LoopbackPorts.free(2);
    int brokerPort = ports[0];
    int controllerPort = ports[1];
    Path properties = dir.resolve(PROPERTIES_FILE);
    Path log4j = dir.resolve(LOG4J_FILE);
    Path logFile = dir.resolve(LOG_FILE);
    try {
      Files.createDirectories(dir);
      PropertiesFile.write(properties, serverProperties(dir.resolve(LOG_DIRS), brokerPort, controllerPort));
      Files.writeString(log4j, LOG4J_CONFIG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Kafka broker's configuration in " + dir, e);
    }
    List<String> logging = List.of("-Dlog4j2.configurationFile=" + log4j);

    ChildJvm format = new ChildJvm("Kafka storage formatter",
        concat(ChildJvm.serverOptions(FORMAT_MAX_HEAP, lib.classDataArchive("kafka-format")), logging),
        lib.kafkaClasspath(), "kafka.tools.StorageTool",
        List.of("format", "--cluster-id", newClusterId(), "--config", properties.toString()),
        dir, logFile);
    format.start();
    format.awaitSuccess(START_TIMEOUT);

    ChildJvm broker = new ChildJvm("Kafka broker",
        concat(ChildJvm.serverOptions(MAX_HEAP, lib.classDataArchive("kafka-broker")), logging),
        lib.kafkaClasspath(), "kafka.Kafka", List.of(properties.toString()), dir, logFile);
    String bootstrap = LoopbackPorts.HOST + ":" + brokerPort;
    Admin admin = null;
    try {
      broker.start();
      // The port first: an AdminClient connects as soon as it exists, and logs a warning on every
      // attempt that finds nothing listening.
      broker.awaitReady(START_TIMEOUT, () -> LoopbackPorts.accepts(brokerPort));
      admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          AdminClientConfig.CLIENT_ID_CONFIG, "dreamworker-stack-admin"));
      Admin probing = admin;
      broker.awaitReady(START_TIMEOUT, () -> answers(probing));
    } catch (RuntimeException e) {
      if (admin != null) {
        admin.close(Duration.ZERO);
      }
      broker.stop(Duration.ZERO);
      throw e;
    }
    return new KafkaBroker(broker, bootstrap, dir, admin, Duration.ofNanos(System.nanoTime() - started));
  }

  /** The broker's address for clients' {@code bootstrap.servers}: {@code 127.0.0.1:PORT}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The folder with the broker's configuration, data and log. */
  public Path dataDir() {
    return dataDir;
  }

  /** The broker's log (and its storage formatter's before it). */
  public Path logFile() {
    return jvm.logFile();
  }

  /** How long {@link #start} took, formatting included. */
  public Duration startupTime() {
    return startupTime;
  }

  /**
   * Creates topics (replication factor 1) and returns once every partition has a leader, so that
   * clients see them at once.
   *
   * @param partitionsByTopic each new topic's name and partition count
   * @throws StackException when a topic exists already, a name or count is invalid, or the broker
   *     does not answer within {@link #ADMIN_TIMEOUT}
   */
  public void createTopics(Map<String, Integer> partitionsByTopic) {
    List<NewTopic> topics = partitionsByTopic.entrySet().stream()
        .map(e -> new NewTopic(e.getKey(), e.getValue(), REPLICATION_FACTOR))
        .toList();
    try {
      admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      awaitLeaders(partitionsByTopic.keySet());
    } catch (ExecutionException e) {
      throw new StackException("cannot create the topics " + partitionsByTopic + " on the broker at "
          + bootstrapServers + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StackException("the broker at " + bootstrapServers + " did not create the topics "
          + partitionsByTopic + " within " + ADMIN_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while creating the topics " + partitionsByTopic, e);
    }
  }

  private void awaitLeaders(Collection<String> names)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + ADMIN_TIMEOUT.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (described.values().stream().flatMap(d -> d.partitions().stream()).allMatch(KafkaBroker::hasLeader)) {
          return;
        }
      } catch (ExecutionException e) {
        // Until the broker has applied the new metadata it does not know the topics yet.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      if (System.nanoTime() - deadline > 0) {
        throw new TimeoutException("the topics " + names + " have no leaders after "
            + ADMIN_TIMEOUT.toSeconds() + " s");
      }
      Thread.sleep(LEADER_POLL_INTERVAL);
    }
  }

  private static boolean hasLeader(TopicPartitionInfo partition) {
    return partition.leader() != null && !partition.leader().isEmpty();
  }

  /**
   * Stops the broker: a clean shutdown, or a kill after {@link #STOP_GRACE}. Closing twice is
   * harmless.
   */
  @Override
  public void close() {
    admin.close(Duration.ZERO);
    jvm.stop(STOP_GRACE);
  }

  @Override
  public String toString() {
    return "Kafka broker at " + bootstrapServers + " (data: " + dataDir + ")";
  }

  private static boolean answers(Admin admin) {
    try {
      return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
          .nodes().get().isEmpty();
    } catch (ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The broker's configuration: see the class comment for every value that is not Kafka's default. */
  static Properties serverProperties(Path logDirs, int brokerPort, int controllerPort) {
    String host = LoopbackPorts.HOST;
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(NODE_ID));
    p.setProperty("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.setProperty("listeners", "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("log.dirs", logDirs.toString());
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("offsets.topic.replication.factor", Short.toString(REPLICATION_FACTOR));
    p.setProperty("offsets.topic.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.setProperty("transaction.state.log.replication.factor", Short.toString(REPLICATION_FACTOR));
    p.setProperty("transaction.state.log.min.isr", "1");
    p.setProperty("transaction.state.log.num.partitions", Integer.toString(INTERNAL_TOPIC_PARTITIONS));
    p.setProperty("share.coordinator.state.topic.replication.factor", Short.toString(REPLICATION_FACTOR));
    p.setProperty("share.coordinator.state.topic.min.isr", "1");
    p.setProperty("transaction.abort.timed.out.transaction.cleanup.interval.ms",
        Integer.toString(TRANSACTION_ABORT_CHECK_MS));
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    p.setProperty("group.consumer.min.heartbeat.interval.ms", Integer.toString(CONSUMER_HEARTBEAT_MS / 2));
    p.setProperty("group.consumer.heartbeat.interval.ms", Integer.toString(CONSUMER_HEARTBEAT_MS));
    p.setProperty("group.consumer.min.session.timeout.ms", Integer.toString(CONSUMER_SESSION_MS / 2));
    p.setProperty("group.consumer.session.timeout.ms", Integer.toString(CONSUMER_SESSION_MS));
    return p;
  }

  /** A random cluster id as Kafka spells one (16 bytes, URL-safe base64), never starting with '-'. */
  private static String newClusterId() {
    UUID uuid = UUID.randomUUID();
    ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    // A leading '-' would read as an option on the formatter's command line; clearing the top bit
    // of the first byte makes the first character one of A..f.
    bytes.put(0, (byte) (bytes.get(0) & 0x7f));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return Stream.concat(a.stream(), b.stream()).toList();
  }
}
