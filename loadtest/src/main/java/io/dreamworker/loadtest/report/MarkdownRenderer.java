package io.dreamworker.loadtest.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes report blocks as GitHub-flavoured Markdown. Text is escaped so that a label or a setting
 * holding Markdown or HTML characters prints as itself and cannot break a table.
 */
final class MarkdownRenderer {
  private MarkdownRenderer() {}

  static String render(List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    for (Block block : blocks) {
      switch (block) {
        case Block.Heading h -> out.append("#".repeat(h.level())).append(' ').append(escape(h.text())).append('\n');
        case Block.Paragraph p -> out.append(escape(p.text())).append('\n');
        case Block.Bullets b -> b.items().forEach(item -> out.append("- ").append(escape(item)).append('\n'));
        case Block.Table t -> table(out, t);
        case Block.Image i -> out.append("![").append(escape(i.alt())).append("](").append(i.path()).append(")\n\n")
            .append('*').append(escape(i.caption())).append("*\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static void table(StringBuilder out, Block.Table t) {
    out.append("| ").append(t.columns().stream().map(c -> cell(c.heading())).collect(Collectors.joining(" | ")))
        .append(" |\n");
    out.append('|').append(t.columns().stream().map(c -> c.numeric() ? " ---: " : " --- ")
        .collect(Collectors.joining("|"))).append("|\n");
    for (List<String> row : t.rows()) {
      out.append("| ").append(row.stream().map(MarkdownRenderer::cell).collect(Collectors.joining(" | ")))
          .append(" |\n");
    }
  }

  private static String cell(String text) {
    String escaped = escape(text.replace('\n', ' ').replace('\r', ' '));
    return escaped.isEmpty() ? " " : escaped;
  }

  /**
   * Backslash-escapes the ASCII punctuation that Markdown gives a meaning inside a line (emphasis,
   * code, links, tables, HTML, entities), which CommonMark allows escaping anywhere. Where a
   * character only means something at one place it is escaped only there, so that the Markdown
   * stays readable as text: {@code #} and {@code >} at the start (heading, quote), and {@code _}
   * at a word's edge ({@code text_to_image} is not emphasis).
   */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean escape = switch (c) {
        case '\\', '`', '*', '[', ']', '<', '|', '~', '&' -> true;
        case '#', '>' -> i == 0;
        case '_' -> !wordCharAt(text, i - 1) || !wordCharAt(text, i + 1);
        default -> false;
      };
      if (escape) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static boolean wordCharAt(String text, int i) {
    return i >= 0 && i < text.length() && Character.isLetterOrDigit(text.charAt(i));
  }
}
