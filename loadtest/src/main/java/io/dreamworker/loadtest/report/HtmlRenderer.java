package io.dreamworker.loadtest.report;

import java.util.List;

/**
 * Writes report blocks as one self-contained HTML page: the style sheet is inline, nothing is
 * fetched, and the only references are the chart PNGs beside the page. Every piece of text is
 * escaped, and the markup is also well-formed XML, so that tools can parse it.
 */
final class HtmlRenderer {
  /** The page's whole style: readable without any external resource, tables that fit numbers. */
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2em auto;\
      max-width:1100px;padding:0 1em;color:#1b1b1b;line-height:1.45}
      h1{font-size:1.8em;border-bottom:2px solid #0072b2;padding-bottom:.2em}
      h2{font-size:1.4em;margin-top:1.8em;border-bottom:1px solid #ddd}
      h3{font-size:1.1em;margin-top:1.4em}
      table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.92em}
      th,td{border:1px solid #d0d0d0;padding:.25em .6em;vertical-align:top}
      th{background:#f1f4f8;text-align:left}
      td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      tr:nth-child(even) td{background:#fafafa}
      figure{margin:1em 0 2em}
      img{max-width:100%;height:auto;border:1px solid #e3e3e3}
      figcaption{color:#555;font-size:.9em;margin-top:.3em}
      """;

  private HtmlRenderer() {}

  static String render(String title, List<Block> blocks) {
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n")
        .append("<title>").append(escape(title)).append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
    for (Block block : blocks) {
      switch (block) {
        case Block.Heading h -> out.append("<h").append(h.level()).append('>').append(escape(h.text()))
            .append("</h").append(h.level()).append(">\n");
        case Block.Paragraph p -> out.append("<p>").append(escape(p.text())).append("</p>\n");
        case Block.Bullets b -> {
          out.append("<ul>\n");
          b.items().forEach(item -> out.append("<li>").append(escape(item)).append("</li>\n"));
          out.append("</ul>\n");
        }
        case Block.Table t -> table(out, t);
        case Block.Image i -> out.append("<figure>\n<img src=\"").append(escape(i.path())).append("\" alt=\"")
            .append(escape(i.alt())).append("\" />\n<figcaption>").append(escape(i.caption()))
            .append("</figcaption>\n</figure>\n");
      }
    }
    return out.append("</body>\n</html>\n").toString();
  }

  private static void table(StringBuilder out, Block.Table t) {
    out.append("<table>\n<thead>\n<tr>");
    for (Block.Column c : t.columns()) {
      out.append(c.numeric() ? "<th class=\"num\">" : "<th>").append(escape(c.heading())).append("</th>");
    }
    out.append("</tr>\n</thead>\n<tbody>\n");
    for (List<String> row : t.rows()) {
      out.append("<tr>");
      for (int i = 0; i < row.size(); i++) {
        out.append(t.columns().get(i).numeric() ? "<td class=\"num\">" : "<td>").append(escape(row.get(i)))
            .append("</td>");
      }
      out.append("</tr>\n");
    }
    out.append("</tbody>\n</table>\n");
  }

  /** Escapes the five characters that HTML and XML give a meaning in text and attributes. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        // Control characters are not allowed in HTML text (nor in XML): dropped, tab and newline kept.
        default -> {
          if (c >= ' ' || c == '\n' || c == '\t') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
