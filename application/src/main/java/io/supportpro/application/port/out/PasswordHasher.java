package io.supportpro.application.port.out;

import io.supportpro.domain.operator.Password;
import io.supportpro.domain.operator.PasswordHash;

/** Turns passwords into slow, salted hashes and checks passwords against them. */
public interface PasswordHasher {
  /** A new salted hash of the password. */
  PasswordHash hash(Password password);

  /** True when the password is the one the hash was made from; false for a malformed hash. */
  boolean matches(Password password, PasswordHash hash);

  /** True when the hash was made with weaker parameters than this hasher now uses. */
  boolean needsRehash(PasswordHash hash);
}
