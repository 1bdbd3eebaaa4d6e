package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigKeysTableTest {

  @Test
  void table_hasAHeaderAndOneRowPerKey() {
    List<String> lines = ConfigKeysTable.markdown().lines().toList();
    assertThat(lines.get(0)).isEqualTo("| Key | Environment variable | Type | Default | Allowed | Description |");
    assertThat(lines.get(1)).isEqualTo("|---|---|---|---|---|---|");
    assertThat(lines).hasSize(2 + ConfigKeys.ALL.size());
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(lines).anyMatch(l -> l.startsWith("| `" + key.name() + "` | `" + key.envVar() + "` |"));
    }
  }

  @Test
  void rows_showTypeDefaultBoundsAndDocumentation() {
    String table = ConfigKeysTable.markdown();
    assertThat(table)
        .contains("| `kafka.max-in-flight` | `DREAMWORKER_KAFKA_MAX_IN_FLIGHT` | integer | `64` | 1 to 10000 | Jobs between")
        .contains("| `bundle.path` | `DREAMWORKER_BUNDLE_PATH` | path | **required** |")
        .contains("| `s3.max-input-image-bytes` | `DREAMWORKER_S3_MAX_INPUT_IMAGE_BYTES` | byte size | `8MiB` | 1KiB to 1GiB |")
        .contains("| `s3.retry.initial-backoff` | `DREAMWORKER_S3_RETRY_INITIAL_BACKOFF` | duration | `200ms` |")
        .contains("| `s3.region` | `DREAMWORKER_S3_REGION` | string, empty for none | (empty) |")
        .contains("| `kafka.jobs-topics` | `DREAMWORKER_KAFKA_JOBS_TOPICS` | list of strings (comma-separated in the environment) | `[dreamworker.jobs]` |")
        .contains("| `kafka.properties` | `DREAMWORKER_KAFKA_PROPERTY_<NAME>` | map of strings (one variable per entry) | `{}` |")
        .contains("| `bundle.device` | `DREAMWORKER_BUNDLE_DEVICE` | auto \\| cpu \\| gpu | `auto` |");
  }
}
