package io.dreamworker.worker.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a misspelt key or environment variable. */
final class KeySuggestions {
  /** Edits a typo may need: a transposition costs two, and a dash written as a dot one. */
  private static final int MAX_EDITS = 2;
  /** Longer names tolerate more edits: one more per this many characters. */
  private static final int CHARS_PER_EXTRA_EDIT = 8;

  private KeySuggestions() {}

  /**
   * The known name closest to {@code unknown}: within a few edits, or with the same last word in
   * another section ({@code kafka.port} → {@code http.port}).
   */
  static Optional<String> closest(String unknown, Collection<String> known, char separator) {
    String u = unknown.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(u, k.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    if (best != null && bestDistance <= MAX_EDITS + u.length() / CHARS_PER_EXTRA_EDIT) {
      return Optional.of(best);
    }
    String last = u.substring(u.lastIndexOf(separator) + 1);
    return known.stream()
        .filter(k -> k.toLowerCase(Locale.ROOT).substring(k.lastIndexOf(separator) + 1).equals(last))
        .findFirst();
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
