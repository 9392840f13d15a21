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

  /**
   * A hash, made without hashing, that no password matches but that costs as much to check as one
   * made now: checked in place of an account that does not exist, so that refusing an unknown name
   * takes as long as refusing a wrong password.
   */
  PasswordHash unmatchable();
}
