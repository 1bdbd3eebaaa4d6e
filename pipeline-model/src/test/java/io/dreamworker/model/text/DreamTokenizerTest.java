package io.dreamworker.model.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dreamworker.model.conformance.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DreamTokenizerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path fixtureFile;
  private DreamTokenizer tokenizer;

  @BeforeEach
  void open() throws Exception {
    fixtureFile = Fixtures.ofKind("tokenizer").file("tokenizer.json");
    tokenizer = DreamTokenizer.load(fixtureFile);
  }

  @AfterEach
  void close() {
    tokenizer.close();
  }

  @Test
  void fixtureTokenizer_resolvesTheSpecialTokensItHas() {
    SpecialTokens special = tokenizer.specialTokens();

    assertThat(special.find(SpecialTokens.UNK)).hasValue(0);
    assertThat(special.find(SpecialTokens.BOS)).hasValue(1);
    assertThat(special.find(SpecialTokens.EOS)).hasValue(2);
    assertThat(special.require(SpecialTokens.DREAM)).isEqualTo(3);
    assertThat(special.require(SpecialTokens.IM_START)).isEqualTo(4);
    assertThat(special.require(SpecialTokens.IM_END)).isEqualTo(5);
    assertThat(special.require(SpecialTokens.IM_PATCH)).isEqualTo(6);
    assertThat(special.find(SpecialTokens.IMAGE)).isEmpty();
    assertThat(special.find(SpecialTokens.DREAM_START)).isEmpty();
  }

  @Test
  void absentTokenThatAModelNeeds_failsNamingTheTokenAndTheFile() {
    assertThatThrownBy(() -> tokenizer.specialTokens().require(SpecialTokens.DREAM_START))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("<dream_start>")
        .hasMessageContaining(fixtureFile.toString())
        .hasMessageContaining("<im_patch>");
  }

  @Test
  void noPadToken_padsWithUnk() {
    assertThat(tokenizer.specialTokens().requirePad()).isEqualTo(0);
  }

  @Test
  void vocabulary_mapsTokensAndIdsBothWays() {
    assertThat(tokenizer.vocabSize()).isEqualTo(180);
    assertThat(tokenizer.tokenToId("<dream>")).hasValue(3);
    assertThat(tokenizer.idToToken(3)).contains("<dream>");
    assertThat(tokenizer.tokenToId("no such token")).isEmpty();
    assertThat(tokenizer.idToToken(100_000)).isEmpty();
  }

  @Test
  void specialTokensInText_becomeTheirIds() {
    long[] ids = tokenizer.encode("<im_start><im_patch><im_patch><im_end>");

    assertThat(ids).containsExactly(4, 6, 6, 5);
  }

  @Test
  void decodeSkippingSpecialTokens_dropsThem() {
    long[] ids = tokenizer.encode("a red circle <dream>");

    assertThat(tokenizer.decode(ids)).contains("<dream>");
    assertThat(tokenizer.decode(ids, true)).doesNotContain("<dream>").contains("red");
  }

  @Test
  void postProcessorTokens_areAddedOnlyWhenAsked() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(fixtureFile));
    json.set("post_processor", JSON.readTree("""
        {"type": "TemplateProcessing",
         "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
         "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}}],
         "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}}"""));
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, JSON.writeValueAsString(json));

    try (DreamTokenizer withBos = DreamTokenizer.load(dir)) {
      long[] plain = withBos.encode("a red circle");
      long[] special = withBos.encode("a red circle", true);

      assertThat(plain).doesNotContain(1L);
      assertThat(special[0]).isEqualTo(1);
      assertThat(special).hasSize(plain.length + 1);
    }
  }

  @Test
  void configuredPadding_isThePadToken() throws Exception {
    ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(fixtureFile));
    json.set("padding", JSON.readTree("""
        {"strategy": "BatchLongest", "direction": "Right", "pad_to_multiple_of": null,
         "pad_id": 2, "pad_type_id": 0, "pad_token": "</s>"}"""));
    Path file = dir.resolve("padded.json");
    Files.writeString(file, JSON.writeValueAsString(json));

    try (DreamTokenizer padded = DreamTokenizer.load(file)) {
      assertThat(padded.specialTokens().requirePad()).isEqualTo(2);
      // Padding is never applied to a single encode.
      assertThat(padded.encode("a")).isEqualTo(tokenizer.encode("a"));
    }
  }

  @Test
  void unigramVocabulary_isReadByPosition() throws Exception {
    Path file = dir.resolve("unigram.json");
    Files.writeString(file, """
        {"version": "1.0", "truncation": null, "padding": null,
         "added_tokens": [{"id": 3, "content": "<dream>", "single_word": false, "lstrip": false,
                           "rstrip": false, "normalized": false, "special": true}],
         "normalizer": null, "pre_tokenizer": null, "post_processor": null, "decoder": null,
         "model": {"type": "Unigram", "unk_id": 0, "byte_fallback": false,
                   "vocab": [["<unk>", 0.0], ["a", -1.0], ["b", -2.0], ["<dream>", 0.0]]}}""");

    try (DreamTokenizer unigram = DreamTokenizer.load(file)) {
      assertThat(unigram.tokenToId("b")).hasValue(2);
      assertThat(unigram.vocabSize()).isEqualTo(4);
      assertThat(unigram.encode("ab<dream>")).containsExactly(1, 2, 3);
      assertThat(unigram.specialTokens().require(SpecialTokens.DREAM)).isEqualTo(3);
    }
  }

  @Test
  void missingFile_isReportedWithItsPath() {
    Path missing = dir.resolve("nowhere/tokenizer.json");

    assertThatThrownBy(() -> DreamTokenizer.load(missing))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("no tokenizer file at")
        .hasMessageContaining(missing.toString());
  }

  @Test
  void directoryWithoutTokenizerJson_isReportedWithTheFileItLookedFor() {
    assertThatThrownBy(() -> DreamTokenizer.load(dir))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining(dir.resolve("tokenizer.json").toString());
  }

  @Test
  void truncatedJson_isReportedAsInvalidJson() throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, Files.readString(fixtureFile).substring(0, 500));

    assertThatThrownBy(() -> DreamTokenizer.load(file))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void jsonWithoutModel_isReportedAsNotATokenizer() throws Exception {
    Path file = dir.resolve("config.json");
    Files.writeString(file, "{\"hidden_size\": 64}");

    assertThatThrownBy(() -> DreamTokenizer.load(file))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("not a Hugging Face tokenizer.json")
        .hasMessageContaining("\"model\"");
  }

  @Test
  void modelTheLibraryRefuses_isReportedWithTheLibrarysReason() throws Exception {
    Path file = dir.resolve("odd.json");
    Files.writeString(file, """
        {"version": "1.0", "truncation": null, "padding": null, "added_tokens": [],
         "normalizer": null, "pre_tokenizer": null, "post_processor": null, "decoder": null,
         "model": {"type": "NoSuchModel", "vocab": {"a": 0}}}""");

    assertThatThrownBy(() -> DreamTokenizer.load(file))
        .isInstanceOf(TokenizerException.class)
        .hasMessageContaining("tokenizers library cannot load")
        .hasMessageContaining(file.toString());
  }

  @Test
  void loading_leavesDjlOffline() {
    assertThat(Boolean.parseBoolean(System.getProperty("ai.djl.offline", System.getenv("DJL_OFFLINE"))))
        .isTrue();
  }
}
