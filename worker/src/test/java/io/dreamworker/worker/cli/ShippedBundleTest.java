package io.dreamworker.worker.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.bundle.BundleManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShippedBundleTest {
  @TempDir Path dir;
  private final String before = System.getProperty(ShippedBundle.PROPERTY);

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(ShippedBundle.PROPERTY);
    } else {
      System.setProperty(ShippedBundle.PROPERTY, before);
    }
  }

  @Test
  void theLaunchersPath_isUsedWhenItHoldsABundle() throws Exception {
    System.setProperty(ShippedBundle.PROPERTY, dir.toString());
    assertThat(ShippedBundle.location()).isEqualTo(dir);
    assertThat(ShippedBundle.find()).isEmpty();
    Files.writeString(dir.resolve(BundleManifest.FILE_NAME), "{}");
    assertThat(ShippedBundle.find()).contains(dir);
  }

  @Test
  void withoutTheProperty_theBundleIsLookedForUnderTheWorkingDirectory() {
    System.clearProperty(ShippedBundle.PROPERTY);
    assertThat(ShippedBundle.location()).isEqualTo(Path.of("bundles", "shapes"));
  }

  @Test
  void theRepositorysBundle_isFoundWhereTheBuildSaysItIs() {
    // Surefire sets the property to the checkout's bundles/shapes, which is committed.
    assertThat(before).isNotNull();
    assertThat(ShippedBundle.find()).isPresent();
  }
}
