/**
 * The batching engine's scheduler: what runs next, decided on plain data. It never touches the
 * model (no DJL here, enforced by an architecture test); the model runner executes its decisions
 * and reports back.
 *
 * <h2>The contract</h2>
 *
 * The engine thread calls {@link io.dreamworker.model.engine.scheduling.Scheduler#admit admit}
 * for each request (with its {@link io.dreamworker.model.engine.scheduling.RequestShape shape}
 * and first work), then loops: {@code schedule(now)} returns a
 * {@link io.dreamworker.model.engine.scheduling.Decision Decision}; the runner frees what the
 * decision's cancelled requests held, executes a {@code Run}, reports its duration, and reports
 * every item with {@code completed(id, nextWork, now)} or {@code finished(id)}. Work is described
 * by {@link io.dreamworker.model.engine.scheduling.StageWork StageWork} and handed out as
 * {@link io.dreamworker.model.engine.scheduling.WorkItem WorkItem}s stamped with their enqueue
 * time; a {@code Run} carries its dequeue time. {@code cancel(id)} may come from any thread and
 * takes effect at the next {@code schedule}. Times are nanoseconds of one monotonic clock.
 *
 * <h2>Admission</h2>
 *
 * A request declares its worst-case KV footprint (prompt + new tokens + an image span per input
 * and generated image + a dream span per generated image, plus a negative prompt's cache when the
 * runner must compute it). One that could never fit (footprint over the whole budget, more rows
 * in one call than a stage takes, a guidance pair over the diffusion rows in flight) is rejected
 * at submit. Others wait in a line and are admitted oldest first when their footprint fits the
 * free budget and a running-sequence slot is free; a later request that fits may overtake one
 * that does not, but each waiting request is overtaken at most {@code maxAdmissionBypasses} times
 * (0: strict FIFO), after which the line holds until running requests end and free enough for
 * it. Reservations last until the request ends: no preemption. New latents enter DIFFUSION
 * through a second, strict FIFO line in front of the rows in flight.
 *
 * <h2>Readiness</h2>
 *
 * A stage with work is ready when its batch reaches the preferred rows, or its oldest item has
 * waited the max queue delay, or when no stage is ready on those grounds and waiting cannot grow
 * its batch. With nothing running, only admissions bring work, and only to VISION and PREFILL,
 * so every other stage is ready then, and an entry stage waits (at most until due) only while a
 * new request could be admitted at once. Otherwise the decision is {@code Idle} until the
 * earliest due time, or {@code Empty} when nothing waits.
 *
 * <h2>Fairness</h2>
 *
 * Among ready stages, start-time fair queuing over device time: each stage's virtual time
 * advances by its estimated call cost (a moving average of reported durations) divided by its
 * weight, the ready stage with the smallest runs, and a stage that becomes ready starts no
 * earlier than the last call's start, so idle time is not banked. While a stage stays ready,
 * another stage T runs at most {@code floor(costMax * w(T) / (costMin * w(S))) + 1} times before
 * it does. Within a stage, a batch is the oldest items of one group (FIFO within a group key),
 * taken in order while their rows fit; the group chosen is the ready group whose oldest item is
 * oldest. So an item whose wait has reached the max queue delay runs within
 * {@code (items ahead + 1) x (bound + 1)} decisions.
 *
 * <h2>Threads</h2>
 *
 * Everything is confined to the engine thread except {@code cancel}, which only appends to a
 * lock-free queue drained by {@code schedule}.
 */
package io.dreamworker.model.engine.scheduling;
