package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigKeysTest {

  @Test
  void everyKey_hasAUniqueNameAndVariableAndADocumentationLine() {
    Set<String> names = new HashSet<>();
    Set<String> variables = new HashSet<>();
    for (ConfigKey<?> key : ConfigKeys.ALL) {
      assertThat(names.add(key.name())).as(key.name()).isTrue();
      assertThat(variables.add(key.envVar())).as(key.envVar()).isTrue();
      assertThat(key.name()).matches("[a-z0-9-]+(\\.[a-z0-9-]+)+");
      assertThat(key.documentation()).as(key.name()).isNotBlank().endsWith(".").doesNotContain("\n");
    }
    assertThat(ConfigKeys.ALL).hasSize(43);
  }

  @Test
  void everyDeclaredKey_isListedInAll() throws IllegalAccessException {
    Set<ConfigKey<?>> declared = new HashSet<>();
    for (java.lang.reflect.Field field : ConfigKeys.class.getFields()) {
      if (field.getType() == ConfigKey.class) {
        declared.add((ConfigKey<?>) field.get(null));
      }
    }
    assertThat(ConfigKeys.ALL).containsExactlyInAnyOrderElementsOf(declared);
  }

  @Test
  void theRequiredKeys_areTheContracts() {
    assertThat(ConfigKeys.ALL.stream().filter(ConfigKey::isRequired).map(ConfigKey::name))
        .containsExactly("bundle.path", "kafka.bootstrap-servers", "s3.output-bucket");
  }

  @Test
  void named_findsAKeyByItsName() {
    assertThat(ConfigKeys.named("http.port")).contains(ConfigKeys.HTTP_PORT);
    assertThat(ConfigKeys.named("http.nope")).isEmpty();
  }
}
