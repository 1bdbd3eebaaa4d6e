package io.dreamworker.model.diffusion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DiffusersConfigTest {

  private static DiffusersConfig config(String json) throws Exception {
    return new DiffusersConfig(new ObjectMapper().readTree(json), "Model");
  }

  @Test
  void perLevelInts_oneValueIsRepeatedAListIsTakenAsIsAndNullIsTheDefault() throws Exception {
    DiffusersConfig c = config("{\"a\": 3, \"b\": [1, 2, 3], \"c\": null}");

    assertThat(c.perLevelInts("a", 3, 9)).containsExactly(3, 3, 3);
    assertThat(c.perLevelInts("b", 3, 9)).containsExactly(1, 2, 3);
    assertThat(c.perLevelInts("c", 3, 9)).containsExactly(9, 9, 9);
    assertThat(c.perLevelInts("missing", 2, 9)).containsExactly(9, 9);
  }

  @Test
  void wrongType_failsNamingOwnerFieldValueAndExpectation() throws Exception {
    DiffusersConfig c = config("{\"layers_per_block\": \"two\", \"flag\": 1}");

    assertThatThrownBy(() -> c.integer("layers_per_block", 2))
        .hasMessage("Model config field 'layers_per_block' = \"two\" is invalid: expected an integer");
    assertThatThrownBy(() -> c.bool("flag", false)).hasMessageContaining("expected true or false");
  }

  @Test
  void nestedPerLevelLists_areRejected() throws Exception {
    DiffusersConfig c = config("{\"transformer_layers_per_block\": [[1, 2], [3, 4]]}");

    assertThatThrownBy(() -> c.perLevelInts("transformer_layers_per_block", 2, 1))
        .hasMessageContaining("nested per-layer lists are not supported");
  }

  @Test
  void requireNull_acceptsAbsentAndNullAndRejectsAValue() throws Exception {
    DiffusersConfig c = config("{\"x\": null, \"y\": \"text\"}");

    c.requireNull("x", "why");
    c.requireNull("absent", "why");
    assertThatThrownBy(() -> c.requireNull("y", "feature y"))
        .hasMessage("Model config field 'y' = \"text\" is not supported (feature y); supported: null");
  }
}
