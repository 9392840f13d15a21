package io.supportpro.bootstrap.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start and the end of a benchmark run: {@code start} empties the file of {@link
 * BenchmarkFigures}; {@code end} prints every figure the run recorded as one table, beside those of
 * an earlier run when {@code benchmark.previous} names its file, and saves a copy of this run's
 * file ({@code benchmark.save}, by default beside it with the time in its name) for the next.
 */
public final class BenchmarkReport {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private BenchmarkReport() {}

  /** {@code args}: {@code start} or {@code end}. */
  public static void main(String[] args) throws IOException {
    Path file = BenchmarkFigures.file();
    switch (args.length == 1 ? args[0] : "") {
      case "start" -> Files.deleteIfExists(file);
      case "end" -> end(file);
      default -> throw new IllegalArgumentException("Say start or end.");
    }
  }

  /** One line of a figures file. */
  record Figure(String figure, String where, double value, String unit) {
    /** The group it is shown in: its name up to the first comma. */
    String group() {
      int comma = figure.indexOf(", ");
      return comma < 0 ? figure : figure.substring(0, comma);
    }

    String key() {
      return figure + "\t" + where;
    }
  }

  private static void end(Path file) throws IOException {
    if (!Files.exists(file)) {
      System.out.println("No benchmark recorded any figure in " + file.toAbsolutePath() + ".");
      return;
    }
    List<Figure> figures = read(file);
    Optional<Path> previousFile =
        Optional.ofNullable(System.getProperty("benchmark.previous"))
            .filter(path -> !path.isBlank())
            .map(Path::of);
    Map<String, Figure> previous = new LinkedHashMap<>();
    if (previousFile.isPresent()) {
      read(previousFile.get()).forEach(figure -> previous.put(figure.key(), figure));
    }
    System.out.println();
    System.out.println(
        "SupportPro benchmark figures"
            + previousFile.map(path -> ", beside the previous run's in " + path).orElse("")
            + " (a shared machine: compare figures within one run, and trust only large changes)");
    System.out.print(table(ordered(figures), previousFile.isPresent() ? previous : null));
    if (previousFile.isPresent()) {
      long gone =
          previous.keySet().stream()
              .filter(key -> figures.stream().noneMatch(f -> f.key().equals(key)))
              .count();
      if (gone > 0) {
        System.out.printf(
            "%d figure(s) of the previous run were not measured in this one.%n", gone);
      }
    }
    Path saved =
        Path.of(
            System.getProperty(
                "benchmark.save",
                file.resolveSibling(
                        "benchmark-figures-"
                            + ZonedDateTime.now(ZoneOffset.UTC).format(STAMP)
                            + ".tsv")
                    .toString()));
    Files.createDirectories(saved.toAbsolutePath().getParent());
    Files.copy(file, saved, StandardCopyOption.REPLACE_EXISTING);
    System.out.println(
        "Saved this run's figures to "
            + saved.toAbsolutePath()
            + "; compare a later run with -Dbenchmark.previous="
            + saved.toAbsolutePath());
  }

  static List<Figure> read(Path file) throws IOException {
    List<Figure> figures = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.split("\t", -1);
      figures.add(new Figure(fields[0], fields[1], Double.parseDouble(fields[2]), fields[3]));
    }
    return figures;
  }

  /**
   * The figures grouped by {@link Figure#group()}, the groups in the order the run first recorded
   * them, and within a group each figure's places (H2, PostgreSQL) next to each other.
   */
  static List<Figure> ordered(List<Figure> figures) {
    Map<String, Map<String, List<Figure>>> groups = new LinkedHashMap<>();
    for (Figure figure : figures) {
      groups
          .computeIfAbsent(figure.group(), group -> new LinkedHashMap<>())
          .computeIfAbsent(figure.figure(), name -> new ArrayList<>())
          .add(figure);
    }
    return groups.values().stream()
        .flatMap(group -> group.values().stream())
        .flatMap(List::stream)
        .toList();
  }

  /** The table, with the previous run's figure and the change when {@code previous} is given. */
  static String table(List<Figure> figures, Map<String, Figure> previous) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        previous == null
            ? new String[] {"figure", "where", "value", "unit"}
            : new String[] {"figure", "where", "value", "unit", "previous", "change"});
    String group = null;
    for (Figure figure : figures) {
      if (!figure.group().equals(group)) {
        group = figure.group();
        rows.add(null);
      }
      String[] row = previous == null ? new String[4] : new String[] {"", "", "", "", "-", "new"};
      row[0] = figure.figure();
      row[1] = figure.where().isEmpty() ? "-" : figure.where();
      row[2] = number(figure.value());
      row[3] = figure.unit();
      if (previous != null && previous.containsKey(figure.key())) {
        double before = previous.get(figure.key()).value();
        row[4] = number(before);
        row[5] =
            before == 0
                ? (figure.value() == 0 ? "0 %" : "-")
                : String.format(Locale.ROOT, "%+.0f %%", 100 * (figure.value() - before) / before);
      }
      rows.add(row);
    }
    int columns = rows.getFirst().length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      if (row != null) {
        for (int i = 0; i < columns; i++) {
          widths[i] = Math.max(widths[i], row[i].length());
        }
      }
    }
    var out = new StringBuilder();
    for (String[] row : rows) {
      out.append('|');
      for (int i = 0; i < columns; i++) {
        // Names left, figures right, as a reader compares them.
        String cell = row == null ? "-".repeat(widths[i]) : row[i];
        String format = i == 0 || i == 1 || i == 3 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
        out.append(' ').append(String.format(Locale.ROOT, format, cell)).append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** A figure with as many decimals as its size deserves. */
  static String number(double value) {
    double size = Math.abs(value);
    int decimals = size >= 100 || value == Math.rint(value) ? 0 : size >= 10 ? 1 : 2;
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
