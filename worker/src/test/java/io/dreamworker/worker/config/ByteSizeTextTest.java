package io.dreamworker.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTextTest {

  @ParameterizedTest
  @CsvSource({"8MiB, 8388608", "512KiB, 524288", "1GiB, 1073741824", "2TiB, 2199023255552", "1000, 1000",
      "0, 0", "17B, 17", "' 8 MiB ', 8388608"})
  void numberWithOrWithoutBinaryUnit_parsesToBytes(String text, long bytes) throws Exception {
    assertThat(ByteSizeText.parse(text)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8MB", "8mb", "8kib", "8 Mi"})
  void decimalOrUnknownUnit_isRefusedNamingTheUnit(String text) {
    assertThatThrownBy(() -> ByteSizeText.parse(text))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("has the unit")
        .hasMessageContaining("8MiB");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "MiB", "-1", "1.5MiB", "eight"})
  void textThatIsNoSize_isRefusedWithHowToWriteOne(String text) {
    assertThatThrownBy(() -> ByteSizeText.parse(text)).hasMessageContaining("is not a byte size");
  }

  @Test
  void sizeBeyondALong_isRefusedAsTooLarge() {
    assertThatThrownBy(() -> ByteSizeText.parse("8388608TiB")).hasMessageContaining("too large");
    assertThatThrownBy(() -> ByteSizeText.parse("99999999999999999999")).hasMessageContaining("too large");
  }

  @ParameterizedTest
  @CsvSource({"8388608, 8MiB", "1572864, 1536KiB", "1000, 1000", "0, 0", "1024, 1KiB", "1099511627776, 1TiB"})
  void format_writesTheLargestExactUnit(long bytes, String text) {
    assertThat(ByteSizeText.format(bytes)).isEqualTo(text);
  }

  @Property
  void formatThenParse_givesTheSameSize(@ForAll @LongRange(min = 0) long bytes) throws Exception {
    assertThat(ByteSizeText.parse(ByteSizeText.format(bytes))).isEqualTo(bytes);
  }

  @Property
  void amountTimesUnit_parsesToTheProduct(@ForAll @IntRange(min = 0, max = 1 << 20) int amount,
      @ForAll @IntRange(min = 0, max = 3) int unit) throws Exception {
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    assertThat(ByteSizeText.parse(amount + units[unit])).isEqualTo((long) amount << (10 * (unit + 1)));
  }
}
