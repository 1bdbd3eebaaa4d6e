package io.dreamworker.model.shapes;

import static org.assertj.core.api.Assertions.assertThat;

import io.dreamworker.model.shapes.Stories.Template;
import io.dreamworker.model.shapes.Story.Sentence;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class StoriesTest {

  @Property(tries = 300)
  void everyStory_hasOneToThreePictures_eachDescribedByTheSentenceBeforeItsMarker(@ForAll long seed) {
    Story story = new Stories(seed).next();
    assertThat(story.pictures()).hasSizeBetween(1, 3);
    assertThat(Evaluation.markerSentences(story.text())).isEqualTo(story.pictureSentences());
    for (Sentence sentence : story.sentences()) {
      sentence.picture().ifPresent(scene ->
          assertThat(sentence.text()).endsWith(" " + Captions.caption(scene) + "."));
    }
    assertThat(story.subject()).isEqualTo(story.pictures().get(0).shapes().get(0));
  }

  @Test
  void text_putsDreamAfterEachPictureSentence() {
    Story story = new Stories(1).next(Template.GROW);
    String text = story.text();
    assertThat(text).startsWith(story.sentences().get(0).text());
    assertThat(text.split("<dream>", -1)).hasSize(story.pictures().size() + 1);
    assertThat(text).contains(". <dream>");
  }

  @Test
  void grow_goesFromSmallToLargeInTheCenter() {
    for (int seed = 0; seed < 20; seed++) {
      List<Scene> pictures = new Stories(seed).next(Template.GROW).pictures();
      assertThat(pictures.get(0).shapes().get(0).size()).isEqualTo(Size.SMALL);
      assertThat(pictures.get(1).shapes().get(0).size()).isEqualTo(Size.LARGE);
      assertThat(pictures.get(1).shapes().get(0).position()).isEqualTo(Position.CENTER);
    }
  }

  @Test
  void appear_addsASecondShape() {
    Story story = new Stories(3).next(Template.APPEAR);
    assertThat(story.pictures().get(0).shapes()).hasSize(1);
    assertThat(story.pictures().get(1).shapes()).hasSize(2).contains(story.subject());
  }

  @Test
  void night_flipsTheBackground_keepsTheShape() {
    List<Scene> pictures = new Stories(4).next(Template.NIGHT).pictures();
    assertThat(pictures.get(1).background()).isNotEqualTo(pictures.get(0).background());
    assertThat(pictures.get(1).shapes()).isEqualTo(pictures.get(0).shapes());
  }

  @Test
  void manyStories_useEveryTemplate_varyTheWording_andSometimesHaveSentencesWithoutPictures() {
    Stories stories = new Stories(11);
    Set<String> templates = new HashSet<>();
    Set<String> openings = new HashSet<>();
    Set<Integer> pictureCounts = new HashSet<>();
    int withoutPicture = 0;
    for (int i = 0; i < 300; i++) {
      Story story = stories.next();
      templates.add(story.template());
      openings.add(story.sentences().get(0).text().split(" a ")[0]);
      pictureCounts.add(story.pictures().size());
      withoutPicture += story.sentences().stream().anyMatch(s -> s.picture().isEmpty()) ? 1 : 0;
    }
    assertThat(templates).hasSize(Template.values().length);
    assertThat(openings.size()).isGreaterThan(5);
    assertThat(pictureCounts).containsExactlyInAnyOrder(1, 2, 3);
    assertThat(withoutPicture).isBetween(30, 270);
  }

  @Test
  void sameSeed_sameStories_otherSeed_otherStories() {
    assertThat(texts(5)).isEqualTo(texts(5)).isNotEqualTo(texts(6));
  }

  private static List<String> texts(long seed) {
    Stories stories = new Stories(seed);
    return IntStream.range(0, 20).mapToObj(i -> stories.next().text()).toList();
  }
}
