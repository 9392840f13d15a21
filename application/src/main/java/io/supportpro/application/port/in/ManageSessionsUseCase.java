package io.supportpro.application.port.in;

import io.supportpro.domain.operator.OperatorId;
import java.util.List;
import java.util.Optional;

/**
 * An operator's list of sessions and ending them: an operator may see and end their own, an
 * administrator any operator's.
 */
public interface ManageSessionsUseCase {
  /** The live sessions of {@code whose} as the viewer sees them; empty when the viewer may not. */
  Optional<List<SessionSummary>> list(ActiveSession viewer, OperatorId whose);

  /** Ends the session of {@code command.whose()} that the handle names. */
  EndSessionResult end(EndSessionCommand command);

  /** Ends every session of the viewer's operator but the viewer's own. */
  EndSessionResult endOthers(ActiveSession viewer, String clientAddress);
}
