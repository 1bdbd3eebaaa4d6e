package io.dreamworker.model.training;

import io.dreamworker.model.bundle.TinyTokenizer;
import io.dreamworker.model.pipeline.ChatTemplate;
import io.dreamworker.model.shapes.Captions;
import io.dreamworker.model.shapes.Instructions;
import io.dreamworker.model.shapes.SceneSampler;
import io.dreamworker.model.shapes.Stories;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shapes bundle's tokenizer: {@link TinyTokenizer}'s byte-fallback BPE with merges that make each
 * word of the domain (captions, stories, instructions, the chat template) one token, so that a
 * caption is about 15 tokens instead of 60 characters, which makes training and decoding several
 * times cheaper. Merges only ever extend a piece that starts a word ({@code ▁} + letters), so they
 * cannot join across words or change how other text is split; any other text still round-trips.
 */
public final class ShapesVocabulary {
  private static final String SPACE = "\u2581";
  /** Captions and stories drawn to collect the words; the grammar's word list is small, so this covers it. */
  private static final int SAMPLES = 3000;

  private ShapesVocabulary() {}

  /** The merges, in the order the tokenizer applies them. */
  public static List<String> merges() {
    Set<String> words = new LinkedHashSet<>();
    for (String text : corpus()) {
      for (String raw : text.split("[\\s]+")) {
        String word = raw.replaceAll("[^A-Za-z']", "");
        if (word.length() > 1 && raw.startsWith(word)) {
          words.add(word);
        }
      }
    }
    Set<String> pieces = new LinkedHashSet<>();
    List<String> merges = new ArrayList<>();
    for (String word : words) {
      String piece = SPACE;
      for (char c : word.toCharArray()) {
        String joined = piece + c;
        if (pieces.add(joined)) {
          merges.add(piece + " " + c);
        }
        piece = joined;
      }
    }
    return merges;
  }

  /** The tokenizer.json text. */
  public static String tokenizerJson() {
    return TinyTokenizer.json(merges());
  }

  /** The vocabulary size of {@link #tokenizerJson()} (the LLM's {@code vocab_size}). */
  public static int size() {
    return TinyTokenizer.baseVocabularySize() + merges().size();
  }

  private static List<String> corpus() {
    List<String> texts = new ArrayList<>();
    ChatTemplate t = ChatTemplate.VICUNA_V1_1;
    texts.add(t.prompt(Instructions.DESCRIBE));
    SceneSampler scenes = new SceneSampler(0);
    Stories stories = new Stories(0);
    for (int i = 0; i < SAMPLES; i++) {
      texts.add(Instructions.draw(scenes.next()).prompt());
      texts.add(Captions.caption(scenes.next()));
      var story = Instructions.story(stories.next());
      texts.add(story.prompt());
      texts.add(story.response());
    }
    return texts;
  }
}
