package io.dreamworker.loadtest.load;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** A consumer group's lag on a topic, read through the admin client: the end offsets less its commits. */
final class GroupLag {
  private GroupLag() {}

  /** The lag summed over the topic's partitions; -1 when the cluster does not answer in time. */
  static long of(Admin admin, String group, String topic) {
    try {
      List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
          .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
              .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
          .all().get(5, TimeUnit.SECONDS).entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
      long lag = 0;
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata c = committed.get(partition);
        lag += Math.max(0, ends.getOrDefault(partition, 0L) - (c == null ? 0 : c.offset()));
      }
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    } catch (Exception e) {
      return -1;
    }
  }
}
