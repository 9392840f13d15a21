package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;

/** Tells an administrator what resetting an operator's two-factor authentication would do. */
public interface PreviewTwoFactorResetUseCase {
  /** What a reset of the operator's two-factor authentication would remove, and what follows. */
  TwoFactorResetPreview previewReset(OperatorId operator);
}
