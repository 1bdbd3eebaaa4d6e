package io.dreamworker.model.engine.scheduling;

import static io.dreamworker.model.engine.scheduling.RequestState.CANCELLED;
import static io.dreamworker.model.engine.scheduling.RequestState.FINISHED;
import static io.dreamworker.model.engine.scheduling.RequestState.QUEUED;
import static io.dreamworker.model.engine.scheduling.RequestState.RUNNING;
import static io.dreamworker.model.engine.scheduling.RequestState.WAITING_ADMISSION;
import static io.dreamworker.model.engine.scheduling.RequestState.WAITING_DIFFUSION_ROWS;

import java.util.EnumSet;
import java.util.Set;

/** The moves of a request's {@link RequestState} machine: each event, where it applies, where it leads. */
enum Transition {
  ADMIT("admit", QUEUED, WAITING_ADMISSION),
  ENTER_DIFFUSION("enter diffusion", QUEUED, WAITING_DIFFUSION_ROWS),
  SCHEDULE("schedule", RUNNING, QUEUED),
  COMPLETE("completed", QUEUED, RUNNING),
  COMPLETE_INTO_DIFFUSION("completed", WAITING_DIFFUSION_ROWS, RUNNING),
  FINISH("finished", FINISHED, RUNNING),
  CANCEL("cancel", CANCELLED, WAITING_ADMISSION, WAITING_DIFFUSION_ROWS, QUEUED);

  private final String event;
  private final RequestState to;
  private final Set<RequestState> from;

  Transition(String event, RequestState to, RequestState first, RequestState... rest) {
    this.event = event;
    this.to = to;
    this.from = EnumSet.of(first, rest);
  }

  /** The engine call or scheduler step that makes this move. */
  String event() {
    return event;
  }

  RequestState to() {
    return to;
  }

  Set<RequestState> from() {
    return from;
  }
}
