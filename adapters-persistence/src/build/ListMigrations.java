import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Lists the SQL migrations of the build, one resource path a line, into a resource that the panel
 * reads at start to know its newest migration without scanning its class path. Run by the build as
 * a single-file program: {@code java ListMigrations.java <resources dir> <list file>}.
 */
public final class ListMigrations {
  private ListMigrations() {}

  public static void main(String[] args) throws IOException {
    Path resources = Path.of(args[0]);
    Path list = Path.of(args[1]);
    List<String> migrations;
    try (Stream<Path> files = Files.walk(resources.resolve("db"))) {
      migrations =
          files
              .filter(file -> file.getFileName().toString().matches("V.+__.+\\.sql"))
              .map(file -> resources.relativize(file).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    Files.createDirectories(list.getParent());
    Files.write(list, migrations);
  }
}
