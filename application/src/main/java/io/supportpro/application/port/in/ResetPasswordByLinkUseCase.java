package io.supportpro.application.port.in;

/** Choosing a new password through a link sent by e-mail, which works once. */
public interface ResetPasswordByLinkUseCase {
  /** The page a link opens, below the panel's public address, with the token as {@code token}. */
  String PATH = "/login/reset";

  /** Whether the link's token may still be used, without using it. */
  ResetLinkStatus check(String token);

  /** Uses the link to set the new password, atomically: a link sets at most one password. */
  ResetPasswordByLinkResult reset(ResetPasswordByLinkCommand command);
}
