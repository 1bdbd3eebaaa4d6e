package io.dreamworker.worker.processing;

import io.dreamworker.schemas.Job;
import java.util.Locale;
import java.util.Optional;

/**
 * Faults a job can ask for in its metadata ({@value #METADATA_KEY}), honoured only when the worker
 * runs with {@code testing.fault-injection: true}: how the chaos harness and the integration tests
 * make poison jobs, whose handling (bounded attempts, then a failed event and a dead letter) cannot
 * be shown with well-behaved ones. Off, every job runs normally whatever its metadata says.
 */
public final class FaultInjection {
  /** The job metadata key that names a fault. */
  public static final String METADATA_KEY = "dw-fault";
  /** The exit status of a worker a job crashed: 134, as a native abort (SIGABRT) would give. */
  public static final int CRASH_EXIT_STATUS = 134;

  /** Honours no fault. */
  public static final FaultInjection OFF = new FaultInjection(false);
  /** Honours every fault. */
  public static final FaultInjection ON = new FaultInjection(true);

  /** What a job can ask for. */
  public enum Fault {
    /** The worker's process dies at once while generating the job, as on a native crash. */
    CRASH,
    /** The engine fails the job's generation (as a CUDA error would). */
    ENGINE_FAILURE,
    /** The generation never ends (until it is cancelled). */
    HANG;

    /** The metadata value: {@code crash}, {@code engine_failure}, {@code hang}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final boolean enabled;

  private FaultInjection(boolean enabled) {
    this.enabled = enabled;
  }

  /** The fault {@code job} asks for, when faults are honoured and it names a known one. */
  public Optional<Fault> of(Job job) {
    if (!enabled) {
      return Optional.empty();
    }
    String wanted = job.metadata().get(METADATA_KEY);
    for (Fault fault : Fault.values()) {
      if (fault.wireName().equals(wanted)) {
        return Optional.of(fault);
      }
    }
    return Optional.empty();
  }

  /** Ends this process at once: no shutdown hooks, no drain, no commit (a crash). */
  void crash() {
    Runtime.getRuntime().halt(CRASH_EXIT_STATUS);
  }
}
