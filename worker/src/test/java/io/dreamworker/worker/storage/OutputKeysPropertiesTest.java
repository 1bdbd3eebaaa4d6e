package io.dreamworker.worker.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class OutputKeysPropertiesTest {

  private static final String ID_CHARS = "ABCXYZabcxyz0189._-";

  @Property(tries = 500)
  void anySchemaJobId_staysInsideItsPrefixFolder(@ForAll("jobIds") String jobId, @ForAll("prefixes") String prefix,
      @ForAll @IntRange(min = 0, max = 20) int image) {
    String normal = OutputKeys.normalisePrefix(prefix, "p");
    JobOutputKeys job = new OutputKeys("out", "default").forJob(jobId, Optional.of(prefix));

    for (S3Location location : new S3Location[] {job.document(), job.markdown(), job.image(image)}) {
      String key = location.key();
      assertThat(location.bucket()).isEqualTo("out");
      assertThat(key).doesNotContain("//").doesNotStartWith("/").doesNotEndWith("/");
      assertThat(Arrays.asList(key.split("/"))).doesNotContain(".", "..", "");
      assertThat(key).startsWith(normal.isEmpty() ? jobId + "/" : normal + "/" + jobId + "/");
      assertThat(key.substring(key.lastIndexOf('/') + 1)).isIn("document.json", "document.md", "img-" + image + ".png");
      assertThat(S3Location.parse(location.uri())).isEqualTo(location);
    }
  }

  @Property(tries = 300)
  void prefixNormalisation_isIdempotentAndClean(@ForAll("prefixes") String prefix) {
    String normal = OutputKeys.normalisePrefix(prefix, "p");

    assertThat(OutputKeys.normalisePrefix(normal, "p")).isEqualTo(normal);
    assertThat(normal).doesNotContain("//").doesNotStartWith("/").doesNotEndWith("/").doesNotContain("..");
  }

  @Property(tries = 200)
  void differentJobIds_neverShareAFolder(@ForAll("jobIds") String a, @ForAll("jobIds") String b) {
    OutputKeys keys = new OutputKeys("out", "p");
    boolean sameFolder = keys.forJob(a, Optional.empty()).folder().equals(keys.forJob(b, Optional.empty()).folder());

    assertThat(sameFolder).isEqualTo(a.equals(b));
  }

  @Provide
  Arbitrary<String> jobIds() {
    Arbitrary<Character> first = Arbitraries.of('A', 'z', '0', '9', 'k');
    Arbitrary<String> rest = Arbitraries.strings().withChars(ID_CHARS).ofMinLength(0).ofMaxLength(127);
    return Combinators.combine(first, rest).as((f, r) -> f + r);
  }

  /** Prefixes the schema allows, with stray slashes around and between their segments. */
  @Provide
  Arbitrary<String> prefixes() {
    Arbitrary<String> segment = Combinators.combine(
            Arbitraries.of('a', 'Z', '5', '_', '-'),
            Arbitraries.strings().withChars("az09_-.").ofMaxLength(8).filter(s -> !s.contains("..")))
        .as((f, r) -> f + r);
    Arbitrary<String> slashes = Arbitraries.strings().withChars('/').ofMinLength(1).ofMaxLength(3);
    return Combinators.combine(segment.list().ofMinSize(0).ofMaxSize(6), slashes.list().ofSize(7),
            Arbitraries.of("", "/"))
        .as((segments, seps, lead) -> {
          StringBuilder prefix = new StringBuilder(lead);
          for (int i = 0; i < segments.size(); i++) {
            prefix.append(segments.get(i)).append(seps.get(i));
          }
          return prefix.toString();
        });
  }
}
