package io.dreamworker.model.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GroupKeyTest {

  @Test
  void sameSizeAndFamily_areEqual() {
    assertThat(GroupKey.diffusion(512, 512, "ddim")).isEqualTo(GroupKey.diffusion(512, 512, "ddim"));
  }

  @Test
  void differentSizeOrFamily_differ() {
    assertThat(GroupKey.diffusion(512, 512, "ddim"))
        .isNotEqualTo(GroupKey.diffusion(512, 512, "ddpm"))
        .isNotEqualTo(GroupKey.diffusion(768, 512, "ddim"))
        .isNotEqualTo(GroupKey.resolution(512, 512));
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> GroupKey.resolution(0, 512)).hasMessageContaining("0x512");
    assertThatThrownBy(() -> GroupKey.diffusion(512, 512, " ")).hasMessageContaining("schedulerFamily");
  }

  @Test
  void none_printsAsNone() {
    assertThat(GroupKey.NONE).hasToString("none");
    assertThat(GroupKey.resolution(64, 32)).hasToString("64x32");
  }
}
