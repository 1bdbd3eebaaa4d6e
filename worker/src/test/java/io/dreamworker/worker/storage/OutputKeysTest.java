package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputKeysTest {

  private final OutputKeys keys = new OutputKeys("out", "dreamworker");

  @Test
  void jobWithoutPrefix_usesTheDefaultPrefix() {
    JobOutputKeys job = keys.forJob("story-1", Optional.empty());

    assertThat(job.document().uri()).isEqualTo("s3://out/dreamworker/story-1/document.json");
    assertThat(job.markdown().uri()).isEqualTo("s3://out/dreamworker/story-1/document.md");
    assertThat(job.image(0).uri()).isEqualTo("s3://out/dreamworker/story-1/img-0.png");
    assertThat(job.image(12).key()).isEqualTo("dreamworker/story-1/img-12.png");
  }

  @Test
  void jobWithPrefix_replacesTheDefault() {
    JobOutputKeys job = keys.forJob("c-7", Optional.of("tenants/acme/captions"));

    assertThat(job.document().key()).isEqualTo("tenants/acme/captions/c-7/document.json");
  }

  @Test
  void prefixWithStraySlashes_isNormalised() {
    assertThat(keys.forJob("j", Optional.of("/a//b/")).folder()).isEqualTo("a/b/j");
  }

  @Test
  void emptyDefaultPrefix_putsJobFoldersAtTheRoot() {
    assertThat(new OutputKeys("out", "").forJob("j", Optional.empty()).document().key()).isEqualTo("j/document.json");
  }

  @Test
  void sameJobTwice_getsTheSameKeys() {
    assertThat(keys.forJob("j.1", Optional.of("p"))).isEqualTo(keys.forJob("j.1", Optional.of("p")));
  }

  @Test
  void jobIdTheSchemaRefuses_isRefused() {
    assertThatThrownBy(() -> keys.forJob("../evil", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../evil'");
    assertThatThrownBy(() -> keys.forJob(".hidden", Optional.empty())).hasMessageContaining("'.hidden'");
    assertThatThrownBy(() -> keys.forJob("a/b", Optional.empty())).hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> keys.forJob("", Optional.empty())).hasMessageContaining("''");
  }

  @Test
  void prefixTheSchemaRefuses_isRefusedNamingIt() {
    assertThatThrownBy(() -> keys.forJob("j", Optional.of("tenants/../other")))
        .hasMessageContaining("output_prefix 'tenants/../other'");
    assertThatThrownBy(() -> keys.forJob("j", Optional.of("a/.git"))).hasMessageContaining("'.git'");
    assertThatThrownBy(() -> keys.forJob("j", Optional.of("a b"))).hasMessageContaining("'a b'");
    assertThatThrownBy(() -> keys.forJob("j", Optional.of("x".repeat(257)))).hasMessageContaining("256");
  }

  @Test
  void negativeImageNumber_isRefused() {
    assertThatThrownBy(() -> JobOutputKeys.imageFileName(-1)).hasMessageContaining("got -1");
  }

  @Test
  void ofSettings_usesTheOutputBucketAndPrefix() {
    S3Settings settings = S3SettingsTest.settings(Optional.empty(), Optional.empty(), "bucket-a", "x/y",
        Set.of(), 10);

    assertThat(OutputKeys.of(settings).forJob("j", Optional.empty()).document().uri())
        .isEqualTo("s3://bucket-a/x/y/j/document.json");
  }
}
