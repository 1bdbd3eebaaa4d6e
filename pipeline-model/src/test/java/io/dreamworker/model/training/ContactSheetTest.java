package io.dreamworker.model.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dreamworker.model.image.RgbImage;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactSheetTest {
  private static RgbImage flat(int r, int g, int b) {
    byte[] rgb = new byte[4 * 4 * 3];
    for (int i = 0; i < rgb.length; i += 3) {
      rgb[i] = (byte) r;
      rgb[i + 1] = (byte) g;
      rgb[i + 2] = (byte) b;
    }
    return new RgbImage(4, 4, rgb);
  }

  @Test
  void picturesAreTiledInRowsAtTheirScale_onTheGround() {
    BufferedImage sheet = ContactSheet.of(List.of(flat(255, 0, 0), flat(0, 255, 0), flat(0, 0, 255)), 2, 3);
    int tile = 4 * 3;
    int gap = ContactSheet.GAP;
    assertThat(sheet.getWidth()).isEqualTo(gap + 2 * (tile + gap));
    assertThat(sheet.getHeight()).isEqualTo(gap + 2 * (tile + gap));
    assertThat(sheet.getRGB(gap, gap) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(sheet.getRGB(gap + tile - 1, gap + tile - 1) & 0xFFFFFF).isEqualTo(0xFF0000);
    assertThat(sheet.getRGB(2 * gap + tile, gap) & 0xFFFFFF).isEqualTo(0x00FF00);
    assertThat(sheet.getRGB(gap, 2 * gap + tile) & 0xFFFFFF).isEqualTo(0x0000FF);
    // The empty fourth cell and the gaps show the ground.
    assertThat(sheet.getRGB(2 * gap + tile, 2 * gap + tile) & 0xFFFFFF).isEqualTo(ContactSheet.GROUND.getRGB() & 0xFFFFFF);
    assertThat(sheet.getRGB(0, 0) & 0xFFFFFF).isEqualTo(ContactSheet.GROUND.getRGB() & 0xFFFFFF);
  }

  @Test
  void nothingToShow_isRefused() {
    assertThatThrownBy(() -> ContactSheet.of(List.of(), 6, 2)).hasMessageContaining("needs pictures");
    assertThatThrownBy(() -> ContactSheet.of(Arrays.asList(flat(0, 0, 0)), 0, 2)).hasMessageContaining("columns");
  }
}
