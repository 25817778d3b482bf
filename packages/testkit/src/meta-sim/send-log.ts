import type { SimSend } from "./types";

/** The record of every send, kept in arrival order even when chaos delays finish them out of order. */
export class SendLog {
  readonly sends: SimSend[] = [];
  readonly #order: number[] = [];
  readonly #listeners = new Set<(send: SimSend) => void>();
  #refused = 0;
  #arrivals = 0;

  /** A number per request, in arrival order, to file its record under once it is answered. */
  arrive(): number {
    this.#arrivals += 1;
    return this.#arrivals;
  }

  /** Stores a finished send at its arrival position, then tells the listeners. */
  add(arrival: number, send: SimSend): void {
    let index = this.#order.length;
    while (index > 0 && (this.#order[index - 1] ?? 0) > arrival) index -= 1;
    this.#order.splice(index, 0, arrival);
    this.sends.splice(index, 0, send);
    if (send.outcome === "refused") this.#refused += 1;
    for (const listener of [...this.#listeners]) {
      try {
        listener(send);
      } catch {
        // A failing test listener must not take the fake Graph API down with it.
      }
    }
  }

  refusals(): number {
    return this.#refused;
  }

  onSend(listener: (send: SimSend) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  clear(): void {
    this.sends.length = 0;
    this.#order.length = 0;
    this.#refused = 0;
  }
}
