package io.supportpro.bootstrap;

/** A setting is missing, malformed or unusable; the message names the environment variable. */
final class ConfigurationException extends RuntimeException {
  ConfigurationException(String variable, String problem) {
    super(variable + ": " + problem);
  }
}
