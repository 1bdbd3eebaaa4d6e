package io.dreamworker.model.engine.scheduling;

import java.util.List;

/**
 * Which stages may run now, given what each queue offers. A stage with work is ready when
 *
 * <ol>
 *   <li>its batch reaches the preferred rows (full), or
 *   <li>its oldest item has waited the max queue delay (due), or
 *   <li>no stage is ready by 1 or 2, and waiting cannot grow its batch.
 * </ol>
 *
 * Rule 3 keeps the device from idling while work waits. With nothing running, only admissions
 * bring new work, and they enter at {@linkplain Stage#isEntry() entry stages} (VISION, PREFILL),
 * so waiting can help only there, and only while a new request could be admitted at once (nobody
 * waits for admission and the budget has a free slot and free tokens). Every other stage with
 * work is ready under rule 3; an entry stage waits at most until it is due. When no stage is
 * ready the engine idles until the earliest due time.
 */
final class ReadinessRule {

  private ReadinessRule() {}

  /**
   * The offers that may run now, from {@code offers} (one per stage with work); empty when the
   * engine should idle.
   *
   * @param admissionOpen whether a request submitted now could be admitted at once
   */
  static List<Offer> ready(List<Offer> offers, boolean admissionOpen) {
    List<Offer> ready = offers.stream().filter(Offer::ready).toList();
    if (!ready.isEmpty()) {
      return ready;
    }
    return offers.stream().filter(o -> !(o.stage().isEntry() && admissionOpen)).toList();
  }
}
