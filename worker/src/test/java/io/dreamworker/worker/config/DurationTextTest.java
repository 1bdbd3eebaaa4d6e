package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

  @ParameterizedTest
  @CsvSource({
      "200ms, PT0.2S", "5s, PT5S", "2m, PT2M", "1h, PT1H", "1d, PT24H", "0s, PT0S", "7ns, PT0.000000007S",
      "15us, PT0.000015S", "15µs, PT0.000015S", "PT5S, PT5S", "pt1m30s, PT1M30S", "' 5 s ', PT5S"})
  void unitOrIsoText_parsesToTheDuration(String text, String iso) throws Exception {
    assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(iso));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "5", "5 minutes", "1.5s", "-5s", "s", "5S", "PT", "P5X", "5sec"})
  void textThatIsNoDuration_isRefusedWithHowToWriteOne(String text) {
    assertThatThrownBy(() -> DurationText.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("\"" + text + "\" is not a duration")
        .hasMessageContaining("such as 200ms or 5s");
  }

  @Test
  void amountBeyondWhatADurationHolds_isRefusedAsTooLong() {
    assertThatThrownBy(() -> DurationText.parse("99999999999999999999d"))
        .hasMessageContaining("too long a duration");
    assertThatThrownBy(() -> DurationText.parse(Long.MAX_VALUE + "d")).hasMessageContaining("too long");
  }

  @ParameterizedTest
  @CsvSource({"PT0.2S, 200ms", "PT5S, 5s", "PT90S, 90s", "PT2M, 2m", "PT1H, 1h", "PT48H, 2d", "PT0S, 0s",
      "PT0.0000015S, 1500ns", "PT1.5S, 1500ms", "PT0.000001S, 1us"})
  void format_writesTheShortestExactUnit(String iso, String text) {
    assertThat(DurationText.format(Duration.parse(iso))).isEqualTo(text);
  }

  @Property
  void formatThenParse_givesTheSameDuration(@ForAll @LongRange(min = 0) long seconds,
      @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) throws Exception {
    Duration d = Duration.ofSeconds(seconds, nanos);
    assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
  }

  @Property
  void wholeUnits_roundTripToTheSameText(@ForAll @LongRange(min = 1, max = 1_000_000) long amount) throws Exception {
    for (String unit : new String[] {"ms", "s"}) {
      String text = amount + unit;
      Duration d = DurationText.parse(text);
      assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
      assertThat(DurationText.format(d).length()).isLessThanOrEqualTo(text.length());
    }
  }
}
