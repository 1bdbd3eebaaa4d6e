package io.dreamworker.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MarkdownRenderer and HtmlRenderer over the same blocks. */
class RenderersTest {
  private static final List<Block> BLOCKS = List.of(new Block.Heading(1, "a <b> & c"),
      new Block.Paragraph("p95 *grew* under `load`"),
      new Block.Table(List.of(Block.Column.text("name"), Block.Column.number("value")),
          List.of(List.of("x|y", "1.86x"), List.of("", "2"))),
      new Block.Image("charts/a.png", "A \"chart\"", "caption's text"));

  @Test
  void markdownTable_escapesPipesAndRightAlignsNumbers() {
    String md = MarkdownRenderer.render(BLOCKS);

    assertThat(md).contains("| name | value |\n| --- | ---: |\n| x\\|y | 1.86x |\n|   | 2 |\n");
  }

  @Test
  void markdownText_escapesMarkupCharacters() {
    String md = MarkdownRenderer.render(BLOCKS);

    assertThat(md).startsWith("# a \\<b> \\& c\n");
    assertThat(md).contains("p95 \\*grew\\* under \\`load\\`");
    assertThat(md).contains("![A \"chart\"](charts/a.png)");
  }

  @Test
  void markdownEscapes_onlyWhereACharacterHasAMeaning() {
    assertThat(MarkdownRenderer.escape("text_to_image >= 1.8x #3")).isEqualTo("text_to_image >= 1.8x #3");
    assertThat(MarkdownRenderer.escape("_x_ > #")).isEqualTo("\\_x\\_ > #");
    assertThat(MarkdownRenderer.escape("# > a")).isEqualTo("\\# > a");
    assertThat(MarkdownRenderer.escape("> a")).isEqualTo("\\> a");
  }

  @Test
  void html_escapesTextAndAttributes() {
    String html = HtmlRenderer.render("t & <u>", BLOCKS);

    assertThat(html).contains("<title>t &amp; &lt;u&gt;</title>");
    assertThat(html).contains("<h1>a &lt;b&gt; &amp; c</h1>");
    assertThat(html).contains("<img src=\"charts/a.png\" alt=\"A &quot;chart&quot;\" />");
    assertThat(html).contains("<figcaption>caption&#39;s text</figcaption>");
    assertThat(html).contains("<td>x|y</td><td class=\"num\">1.86x</td>");
  }

  @Test
  void html_dropsControlCharacters() {
    assertThat(HtmlRenderer.escape("a\u0000b\tc\nd\u001f")).isEqualTo("ab\tc\nd");
  }

  @Test
  void html_isSelfContained() {
    String html = HtmlRenderer.render("t", BLOCKS);

    assertThat(html).contains("<style>").doesNotContain("<link").doesNotContain("<script").doesNotContain("http");
  }
}
