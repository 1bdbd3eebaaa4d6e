package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.regex.RegularExpression;
import org.junit.jupiter.api.Test;

class EcmaAnchoredRegexFactoryTest {

  private final EcmaAnchoredRegexFactory factory = new EcmaAnchoredRegexFactory();

  @Test
  void trailingNewline_doesNotMatchTheEndAnchor() {
    RegularExpression id = factory.getRegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

    assertThat(id.matches("job-1")).isTrue();
    assertThat(id.matches("job-1\n")).isFalse();
    assertThat(id.matches("job-1\r\n")).isFalse();
  }

  @Test
  void dollarInAClassOrEscaped_staysALiteral() {
    assertThat(EcmaAnchoredRegexFactory.toJava("^[$a]\\$x$")).isEqualTo("^[$a]\\$x\\z");
    assertThat(factory.getRegularExpression("^[$a]\\$x$").matches("$$x")).isTrue();
  }

  @Test
  void unanchoredPattern_stillFindsAnywhere() {
    assertThat(factory.getRegularExpression("\\.\\.").matches("a/../b")).isTrue();
  }
}
