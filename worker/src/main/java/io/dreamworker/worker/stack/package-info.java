/**
 * A real Kafka broker (KRaft) and a real S3-compatible server (s3proxy), each run as a child JVM
 * bound to 127.0.0.1, for the {@code demo} command and the integration tests: no mocks, no Docker.
 *
 * <p>{@link io.dreamworker.worker.stack.EmbeddedStack} starts both; {@link
 * io.dreamworker.worker.stack.KafkaBroker} and {@link io.dreamworker.worker.stack.S3Server} run one
 * each. The servers' jars are not on this module's class path (Scala, the broker's log4j2 and
 * s3proxy's bundled libraries would clash with ours): the {@code stack} Maven module copies them to
 * {@code stack/target/stack-lib}, which {@link io.dreamworker.worker.stack.StackLib} locates.
 */
package io.dreamworker.worker.stack;
