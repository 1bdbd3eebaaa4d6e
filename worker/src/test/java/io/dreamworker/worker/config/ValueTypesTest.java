package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  private static JsonNode yaml(String text) throws Exception {
    return new YAMLMapper().readTree("v: " + text).get("v");
  }

  @Test
  void scalars_parseFromYamlAndText() throws Exception {
    assertThat(ValueTypes.INT.fromYaml(yaml("16"))).isEqualTo(16);
    assertThat(ValueTypes.INT.parse(" 16 ")).isEqualTo(16);
    assertThat(ValueTypes.LONG.fromYaml(yaml("17179869184"))).isEqualTo(17_179_869_184L);
    assertThat(ValueTypes.BOOLEAN.fromYaml(yaml("true"))).isTrue();
    assertThat(ValueTypes.BOOLEAN.parse("FALSE")).isFalse();
    assertThat(ValueTypes.STRING.fromYaml(yaml("1234"))).isEqualTo("1234");
    assertThat(ValueTypes.DURATION.fromYaml(yaml("200ms"))).isEqualTo(Duration.ofMillis(200));
    assertThat(ValueTypes.BYTE_SIZE.fromYaml(yaml("8MiB"))).isEqualTo(8L << 20);
    assertThat(ValueTypes.BYTE_SIZE.fromYaml(yaml("4096"))).isEqualTo(4096L);
    assertThat(ValueTypes.PATH.fromYaml(yaml("/models/shapes"))).isEqualTo(Path.of("/models/shapes"));
  }

  @Test
  void wrongScalar_isRefusedNamingTheValueAndTheType() {
    assertThatThrownBy(() -> ValueTypes.INT.parse("many")).hasMessage(
        "\"many\" is not an integer; write a whole number such as 16");
    assertThatThrownBy(() -> ValueTypes.INT.parse("2.5")).hasMessageContaining("is not an integer");
    assertThatThrownBy(() -> ValueTypes.INT.parse("3000000000")).hasMessageContaining("is not an integer");
    assertThatThrownBy(() -> ValueTypes.LONG.parse("lots")).hasMessageContaining("\"lots\" is not an integer");
    assertThatThrownBy(() -> ValueTypes.BOOLEAN.parse("yes")).hasMessage(
        "\"yes\" is not a boolean; write true or false");
  }

  @Test
  void listOrSectionWhereAScalarBelongs_isRefusedSayingWhatCame() throws Exception {
    assertThatThrownBy(() -> ValueTypes.INT.fromYaml(yaml("[1, 2]"))).hasMessage("expected integer, got a list");
    assertThatThrownBy(() -> ValueTypes.STRING.fromYaml(yaml("{a: 1}")))
        .hasMessage("expected string, got a section of keys");
  }

  @Test
  void optionalString_isEmptyForBlankText() throws Exception {
    assertThat(ValueTypes.OPTIONAL_STRING.fromYaml(yaml("\"\""))).isEmpty();
    assertThat(ValueTypes.OPTIONAL_STRING.parse(" eu-west-1 ")).contains("eu-west-1");
    assertThat(ValueTypes.OPTIONAL_STRING.format(Optional.empty())).isEmpty();
  }

  @Test
  void optionalUri_parsesOrExplainsTheSyntaxError() throws Exception {
    assertThat(ValueTypes.OPTIONAL_URI.parse("")).isEmpty();
    assertThat(ValueTypes.OPTIONAL_URI.parse("http://127.0.0.1:9000")).contains(URI.create("http://127.0.0.1:9000"));
    assertThatThrownBy(() -> ValueTypes.OPTIONAL_URI.parse("http://a b")).hasMessageContaining("is not a URI");
  }

  @Test
  void list_readsYamlListsAndCommaSeparatedText() throws Exception {
    assertThat(ValueTypes.STRING_LIST.fromYaml(yaml("[a, b]"))).containsExactly("a", "b");
    assertThat(ValueTypes.STRING_LIST.fromYaml(yaml("a,b"))).containsExactly("a", "b");
    assertThat(ValueTypes.STRING_LIST.parse(" a , b,,c ")).containsExactly("a", "b", "c");
    assertThat(ValueTypes.STRING_LIST.parse("")).isEmpty();
    assertThat(ValueTypes.STRING_LIST.format(List.of("a", "b"))).isEqualTo("[a, b]");
  }

  @Test
  void listWithANestedOrEmptyElement_isRefused() throws Exception {
    assertThatThrownBy(() -> ValueTypes.STRING_LIST.fromYaml(yaml("[a, [b]]"))).hasMessageContaining("not a string");
    assertThatThrownBy(() -> ValueTypes.STRING_LIST.fromYaml(yaml("[a, null]"))).hasMessageContaining("empty");
    assertThatThrownBy(() -> ValueTypes.STRING_LIST.fromYaml(yaml("{a: b}"))).hasMessageContaining("got a section");
  }

  @Test
  void choice_readsLowerCaseNamesOfTheEnum() throws Exception {
    ValueType<BundleSettings.Device> device = ValueTypes.choice(BundleSettings.Device.class);
    assertThat(device.parse("gpu")).isEqualTo(BundleSettings.Device.GPU);
    assertThat(device.parse("CPU")).isEqualTo(BundleSettings.Device.CPU);
    assertThat(device.format(BundleSettings.Device.AUTO)).isEqualTo("auto");
    assertThat(device.description()).isEqualTo("auto | cpu | gpu");
    assertThatThrownBy(() -> device.parse("tpu")).hasMessage("\"tpu\" is not one of auto, cpu, gpu");
  }

  @Test
  void map_flattensNestedSectionsIntoDottedNames() throws Exception {
    assertThat(ValueTypes.STRING_MAP.fromYaml(yaml("{security.protocol: SSL, sasl: {mechanism: PLAIN}, linger.ms: 5}")))
        .isEqualTo(Map.of("security.protocol", "SSL", "sasl.mechanism", "PLAIN", "linger.ms", "5"));
    assertThatThrownBy(() -> ValueTypes.STRING_MAP.fromYaml(yaml("[a]"))).hasMessageContaining("got a list");
    assertThatThrownBy(() -> ValueTypes.STRING_MAP.fromYaml(yaml("{a: null}"))).hasMessageContaining("a is empty");
  }

  @Test
  void envVar_isDerivedFromTheName_andMapsTakeOneVariablePerEntry() {
    assertThat(ValueTypes.STRING.envVar("kafka.bootstrap-servers")).isEqualTo("DREAMWORKER_KAFKA_BOOTSTRAP_SERVERS");
    assertThat(ValueTypes.STRING.envVar("lag-publisher.region")).isEqualTo("DREAMWORKER_LAG_PUBLISHER_REGION");
    assertThat(ValueTypes.STRING_MAP.envVar("kafka.properties")).isEqualTo("DREAMWORKER_KAFKA_PROPERTY_<NAME>");
    assertThat(ValueTypes.entryPrefix("kafka.properties")).isEqualTo("DREAMWORKER_KAFKA_PROPERTY_");
    assertThat(ValueTypes.entryPrefix("x.headers")).isEqualTo("DREAMWORKER_X_HEADER_");
    assertThat(ValueTypes.isMap(ValueTypes.STRING_MAP)).isTrue();
    assertThat(ValueTypes.isMap(ValueTypes.STRING_LIST)).isFalse();
  }
}
