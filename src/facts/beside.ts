// The answer of work that runs beside this thread (a git process), for a loop that goes on without it.

/**
 * The value of `pending` once it has settled (`fallback` if it failed), for a loop over many items that does
 * not wait for it: `poll` lets the answer in between items while there is none yet. It arrives with an event,
 * which a loop that only awaits microtasks would never let through.
 */
export class Beside<T> {
  value: T | undefined;

  constructor(pending: T | Promise<T>, fallback: T) {
    if (pending instanceof Promise) {
      pending.then(
        (value) => (this.value = value),
        () => (this.value = fallback),
      );
    } else this.value = pending;
  }

  /** Before item `index`: every 32 items without an answer, one turn of the event loop. */
  async poll(index: number): Promise<void> {
    if (this.value === undefined && index % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
  }
}
