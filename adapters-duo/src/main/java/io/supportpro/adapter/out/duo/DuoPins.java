package io.supportpro.adapter.out.duo;

import com.duosecurity.Client;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The certificate pins to give the SDK when a connection names extra pins: Duo's own (the SDK's
 * defaults) followed by the extra ones. See {@link DuoSdkGateway} for why they are added, not
 * substituted.
 */
final class DuoPins {
  private static final List<String> DEFAULTS = readDefaults();

  private DuoPins() {}

  /** The SDK's default pins, or an empty list if this SDK keeps them elsewhere. */
  static List<String> defaults() {
    return DEFAULTS;
  }

  /** Duo's pins and then the extra ones, without repeats. */
  static String[] withExtra(List<String> extra) {
    var pins = new LinkedHashSet<String>(DEFAULTS);
    pins.addAll(extra);
    return pins.toArray(String[]::new);
  }

  /**
   * Reads the SDK's private default pin list rather than copying it, so that an SDK update that
   * changes Duo's CAs changes them here too. A test fails if the list can no longer be read.
   */
  private static List<String> readDefaults() {
    try {
      Field field = Client.Builder.class.getDeclaredField("DEFAULT_CA_CERTS");
      field.setAccessible(true);
      if (field.get(null) instanceof String[] pins && pins.length > 0) {
        return List.of(pins);
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Fall through: the extra pins are then used alone.
    }
    return List.of();
  }
}
