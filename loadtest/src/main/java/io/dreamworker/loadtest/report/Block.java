package io.dreamworker.loadtest.report;

import java.util.List;

/**
 * One block of a report's text, as {@link ReportContent} builds it and each renderer writes it:
 * the content is decided once, the Markdown and the HTML only differ in how they spell it. Text is
 * plain; each renderer escapes it for its own format.
 */
sealed interface Block {

  /** A heading; level 1 is the title. */
  record Heading(int level, String text) implements Block {
    public Heading {
      if (level < 1 || level > 4) {
        throw new IllegalArgumentException("heading level must be within [1, 4], got " + level);
      }
    }
  }

  /** A paragraph of plain text. */
  record Paragraph(String text) implements Block {}

  /** A list of short plain-text items. */
  record Bullets(List<String> items) implements Block {
    public Bullets {
      items = List.copyOf(items);
    }
  }

  /** A table whose every row has one cell per column. */
  record Table(List<Column> columns, List<List<String>> rows) implements Block {
    public Table {
      columns = List.copyOf(columns);
      rows = rows.stream().map(List::copyOf).toList();
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i).size() != columns.size()) {
          throw new IllegalArgumentException("table row " + i + " has " + rows.get(i).size() + " cells for "
              + columns.size() + " columns");
        }
      }
    }
  }

  /** An image next to the report, at {@code path} relative to it, with a caption. */
  record Image(String path, String alt, String caption) implements Block {}

  /** A table column: its heading, and whether its cells are numbers (right-aligned). */
  record Column(String heading, boolean numeric) {
    static Column text(String heading) {
      return new Column(heading, false);
    }

    static Column number(String heading) {
      return new Column(heading, true);
    }
  }
}
