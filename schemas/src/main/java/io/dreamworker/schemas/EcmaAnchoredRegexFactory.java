package io.dreamworker.schemas;

import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;
import java.util.regex.Pattern;

/**
 * JDK regular expressions with ECMA-262's end anchor, as JSON Schema specifies. Java's {@code $}
 * also matches before a final line terminator, so {@code "job-1\n"} would pass
 * {@code ^[A-Za-z0-9._-]+$}: a job id with a newline in an S3 key. Outside character classes an
 * unescaped {@code $} becomes {@code \z}; the schemas use no other construct where the two
 * dialects differ.
 */
final class EcmaAnchoredRegexFactory implements RegularExpressionFactory {

  @Override
  public RegularExpression getRegularExpression(String regex) {
    Pattern pattern = Pattern.compile(toJava(regex));
    return value -> pattern.matcher(value).find();
  }

  /** The regex with each end anchor {@code $} outside a character class written as {@code \z}. */
  static String toJava(String regex) {
    StringBuilder java = new StringBuilder(regex.length() + 4);
    boolean inClass = false;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\' && i + 1 < regex.length()) {
        java.append(c).append(regex.charAt(++i));
      } else if (inClass) {
        inClass = c != ']';
        java.append(c);
      } else if (c == '[') {
        inClass = true;
        java.append(c);
      } else if (c == '$') {
        java.append("\\z");
      } else {
        java.append(c);
      }
    }
    return java.toString();
  }
}
