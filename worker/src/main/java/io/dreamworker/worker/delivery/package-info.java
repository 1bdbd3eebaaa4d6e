/**
 * How settled jobs reach Kafka: their records (completion events, dead letters) and the consumer
 * offsets they settle, committed together. {@link io.dreamworker.worker.delivery.Committer} is the
 * contract; {@link io.dreamworker.worker.delivery.TransactionalCommitter} does it in one Kafka
 * transaction (exactly once), {@link io.dreamworker.worker.delivery.AtLeastOnceCommitter} publishes
 * first and commits after (a crash in between publishes twice). Knows Kafka's clients, nothing of
 * jobs.
 */
package io.dreamworker.worker.delivery;
