package io.dreamworker.model.conformance;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.dreamworker.model.text.DreamTokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tokenizer}: the case's {@code tokenizer.json} run by the tokenizers library through DJL;
 * every sample's ids, token strings and decoded text must equal the reference's exactly.
 */
final class TokenizerParity implements ParityCheck {

  @Override
  public void check(FixtureCase fixture, NDManager manager, ParityReport report) throws Exception {
    JsonNode samples = fixture.caseJson().path("samples");
    Require.that(samples.size() > 0, () -> fixture.name() + "/case.json lists no samples");
    try (DreamTokenizer tokenizer = DreamTokenizer.load(fixture.file("tokenizer.json"))) {
      for (int i = 0; i < samples.size(); i++) {
        JsonNode sample = samples.get(i);
        String text = sample.path("text").asText();
        long[] expectedIds = longs(sample.path("ids"));
        List<String> expectedTokens = strings(sample.path("tokens"));

        long[] ids = tokenizer.encode(text);
        report.exact("sample " + i + " ids", Arrays.equals(ids, expectedIds));
        report.exact("sample " + i + " tokens", tokenizer.tokenize(text).equals(expectedTokens));
        report.exact("sample " + i + " decoded",
            tokenizer.decode(expectedIds).equals(sample.path("decoded").asText()));
        boolean vocabularyAgrees = true;
        for (int t = 0; t < expectedIds.length; t++) {
          vocabularyAgrees &= tokenizer.idToToken(expectedIds[t]).equals(java.util.Optional.of(expectedTokens.get(t)));
        }
        report.exact("sample " + i + " id-to-token", vocabularyAgrees);
      }
    }
  }

  private static long[] longs(JsonNode array) {
    long[] values = new long[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.get(i).asLong();
    }
    return values;
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }
}
