package io.dreamworker.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

class JobCodecPropertiesTest {

  private static final JobCodec CODEC = new JobCodec(MessageSchemas.load());
  private static final Pattern JOB_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");

  @Property(tries = 300)
  void jobId_isAcceptedExactlyWhenItMatchesThePattern(@ForAll("jobIds") String jobId) {
    Decoded decoded = CODEC.decode(captionWithId(jobId));

    if (JOB_ID.matcher(jobId).matches()) {
      assertThat(decoded).isInstanceOf(Decoded.Valid.class);
    } else {
      assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid -> {
        assertThat(invalid.error()).isEqualTo(DecodeError.SCHEMA_VIOLATION);
        assertThat(invalid.message()).contains("$.job_id");
      });
    }
  }

  @Property(tries = 500)
  void garbageBytes_neverThrowAndAreMalformedOrViolations(@ForAll("garbage") byte[] value) {
    Decoded decoded = CODEC.decode(value);

    assertThat(decoded).isInstanceOfSatisfying(Decoded.Invalid.class, invalid ->
        assertThat(invalid.error()).isIn(DecodeError.MALFORMED_JSON, DecodeError.SCHEMA_VIOLATION));
  }

  @Property(tries = 300)
  void mangledValidJob_neverThrows(@ForAll @IntRange(min = 0, max = 400) int cut, @ForAll byte noise) {
    byte[] job = Examples.read("interleaved-job.json");
    byte[] mangled = job.clone();
    mangled[cut % mangled.length] = noise;

    assertThat(CODEC.decode(mangled)).isNotNull();
  }

  @Property(tries = 200)
  void topP_isAcceptedExactlyInTheOpenClosedUnitInterval(@ForAll @DoubleRange(min = -0.5, max = 1.5) double topP) {
    ObjectNode job = caption("p1");
    job.putObject("text").put("top_p", topP);

    boolean accepted = CODEC.decode(job.toString().getBytes(StandardCharsets.UTF_8)) instanceof Decoded.Valid;

    assertThat(accepted).isEqualTo(topP > 0 && topP <= 1);
  }

  @Property(tries = 200)
  void steps_areAcceptedExactlyFrom1To1000(@ForAll @IntRange(min = -50, max = 1100) int steps) {
    ObjectNode job = JsonNodeFactory.instance.objectNode()
        .put("job_id", "s1").put("type", "interleaved").put("prompt", "a circle");
    job.putObject("image").put("steps", steps);

    boolean accepted = CODEC.decode(job.toString().getBytes(StandardCharsets.UTF_8)) instanceof Decoded.Valid;

    assertThat(accepted).isEqualTo(steps >= 1 && steps <= 1000);
  }

  @Property(tries = 200)
  void validTextParams_roundTrip(@ForAll @IntRange(min = 1, max = 4096) int maxNewTokens,
      @ForAll @DoubleRange(min = 0, max = 10) double temperature, @ForAll @IntRange(min = 0, max = 1000) int topK,
      @ForAll @DoubleRange(min = 0.01, max = 1) double topP,
      @ForAll @DoubleRange(min = 0.01, max = 5) double penalty, @ForAll long seed) {
    CaptionJob job = new CaptionJob("rt", new ImageInput.S3Uri("s3://bucket/key.png"), "",
        new TextParams(maxNewTokens, temperature, topK, topP, penalty, seed), Optional.empty(), java.util.Map.of());

    assertThat(CODEC.decode(CODEC.encode(job))).isEqualTo(new Decoded.Valid(job));
  }

  @Provide
  Arbitrary<String> jobIds() {
    Arbitrary<String> safe = Arbitraries.strings().withChars("AZaz09._-").ofMinLength(1).ofMaxLength(140);
    Arbitrary<String> anything = Arbitraries.strings().ofMinLength(0).ofMaxLength(20)
        .withChars("aZ09._-/ :*?\\\u00e9\u0000\n..");
    return Arbitraries.oneOf(safe, anything);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(64);
    Arbitrary<byte[]> jsonish = Arbitraries.strings().withChars("{}[]\":,0123456789.eE-+truefalsnl \\")
        .ofMaxLength(40).map(s -> s.getBytes(StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, jsonish);
  }

  private static byte[] captionWithId(String jobId) {
    return caption(jobId).toString().getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode caption(String jobId) {
    ObjectNode job = JsonNodeFactory.instance.objectNode().put("job_id", jobId).put("type", "caption");
    job.putObject("image").put("s3_uri", "s3://bucket/key.png");
    return job;
  }
}
