package io.dreamworker.model.diffusion.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ConfigFieldsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ConfigFields fields(String json) throws Exception {
    return new ConfigFields(JSON.readTree(json), "TestScheduler");
  }

  @Test
  void missingOrNullFields_takeTheDefault() throws Exception {
    ConfigFields f = fields("{\"a\": null}");
    assertThat(f.integer("a", 3)).isEqualTo(3);
    assertThat(f.number("b", 0.5)).isEqualTo(0.5);
    assertThat(f.flag("c", true)).isTrue();
    assertThat(f.text("d", "x")).isEqualTo("x");
    assertThat(f.numbers("e")).isNull();
  }

  @Test
  void integerGivenAsFloat_failsNamingTheField() throws Exception {
    assertThatThrownBy(() -> fields("{\"steps_offset\": 1.5}").integer("steps_offset", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestScheduler config field 'steps_offset' must be an integer, got 1.5");
  }

  @Test
  void flagGivenAsString_fails() throws Exception {
    assertThatThrownBy(() -> fields("{\"clip_sample\": \"no\"}").flag("clip_sample", true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'clip_sample' must be true or false");
  }

  @Test
  void listWithANonNumber_failsNamingTheElement() throws Exception {
    assertThatThrownBy(() -> fields("{\"trained_betas\": [0.1, \"x\"]}").numbers("trained_betas"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element 1");
  }

  @Test
  void requireOff_failsOnlyWhenSwitchedOn() throws Exception {
    fields("{\"thresholding\": false}").requireOff("thresholding", "why");
    assertThatThrownBy(() -> fields("{\"thresholding\": true}").requireOff("thresholding", "why"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TestScheduler config: thresholding=true is not supported (why); set \"thresholding\": false");
  }

  @Test
  void nonObject_fails() {
    assertThatThrownBy(() -> new ConfigFields(JSON.readTree("[1]"), "TestScheduler"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a JSON object");
  }
}
