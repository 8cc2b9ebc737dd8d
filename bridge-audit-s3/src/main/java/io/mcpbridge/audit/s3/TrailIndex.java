package io.mcpbridge.audit.s3;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the days of a trail by delimiter listings of {@code YYYY/}, {@code YYYY/MM/} and
 * {@code YYYY/MM/DD/}: the keys of records are never listed to find days. The newest day costs
 * three LIST calls whatever the size of the trail.
 */
final class TrailIndex {
  private final ObjectStore store;

  TrailIndex(ObjectStore store) {
    this.store = store;
  }

  /** The newest day with any object, if any. */
  Optional<LocalDate> newestDay() {
    List<String> years = numbered(store.childPrefixes(""), 4);
    for (int y = years.size() - 1; y >= 0; y--) {
      List<String> months = numbered(store.childPrefixes(years.get(y)), 2);
      for (int m = months.size() - 1; m >= 0; m--) {
        List<String> days = numbered(store.childPrefixes(months.get(m)), 2);
        for (int d = days.size() - 1; d >= 0; d--) {
          Optional<LocalDate> day = TrailKeys.dayOf(days.get(d));
          if (day.isPresent()) {
            return day;
          }
        }
      }
    }
    return Optional.empty();
  }

  /** Every day with an object, oldest first, limited to {@code from}..{@code to} (inclusive, open when empty). */
  List<LocalDate> days(Optional<LocalDate> from, Optional<LocalDate> to) {
    List<LocalDate> out = new ArrayList<>();
    for (String year : numbered(store.childPrefixes(""), 4)) {
      int y = Integer.parseInt(year.substring(year.length() - 5, year.length() - 1));
      if (from.isPresent() && y < from.get().getYear() || to.isPresent() && y > to.get().getYear()) {
        continue;
      }
      for (String month : numbered(store.childPrefixes(year), 2)) {
        for (String day : numbered(store.childPrefixes(month), 2)) {
          TrailKeys.dayOf(day)
              .filter(d -> from.map(f -> !d.isBefore(f)).orElse(true))
              .filter(d -> to.map(t -> !d.isAfter(t)).orElse(true))
              .ifPresent(out::add);
        }
      }
    }
    return out;
  }

  /** Only prefixes whose last segment is a number of the given width (skips keys/ and strays). */
  private static List<String> numbered(List<String> prefixes, int digits) {
    String pattern = ".*(^|/)\\d{" + digits + "}/";
    return prefixes.stream().filter(p -> p.matches(pattern)).sorted().toList();
  }
}
