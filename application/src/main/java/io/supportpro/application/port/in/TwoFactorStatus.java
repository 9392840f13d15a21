package io.supportpro.application.port.in;

/** Where an operator stands with the built-in two-factor authentication. */
public record TwoFactorStatus(boolean enrolled, int remainingRecoveryCodes, boolean required) {}
