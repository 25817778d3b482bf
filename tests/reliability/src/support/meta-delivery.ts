import type { MetaSimulator, SimCustomers, SimPost, SimSend } from "@meta-relay/testkit";
import { sleep } from "./wait";

/** How one webhook fared: Meta posts it until the ingress answers 200, as Meta does. */
export interface Delivery {
  post: SimPost;
  /** Every answer, in order (0: the ingress could not be reached). */
  answers: number[];
}

/**
 * Meta's side of webhook delivery: post, and post the same bytes again after any answer but 200
 * (Meta retries failed webhooks), until 200 or the deadline.
 */
export async function deliverUntilAccepted(
  customers: SimCustomers,
  first: () => Promise<SimPost>,
  deadlineMs = 120_000,
): Promise<Delivery> {
  const deadline = Date.now() + deadlineMs;
  const post = await first();
  const answers = [post.status];
  let wait = 100;
  while (answers[answers.length - 1] !== 200) {
    if (Date.now() > deadline)
      throw new Error(`webhook ${post.id} never accepted: ${answers.join(",")}`);
    await sleep(wait);
    wait = Math.min(wait * 2, 2_000);
    const again = await customers.postRaw(post.body).catch(() => ({ status: 0 }));
    answers.push(again.status);
  }
  return { post, answers };
}

/** Our message id in a Messenger/Instagram send (`message.metadata`), else its text (WhatsApp). */
export function sentMessageKey(send: SimSend): string {
  const body = send.body as {
    message?: { metadata?: string; text?: string };
    text?: { body?: string };
  } | null;
  return body?.message?.metadata ?? body?.message?.text ?? body?.text?.body ?? "";
}

/** Accepted sends per key (our message id): more than one is a duplicate the customer saw. */
export function acceptedByKey(sends: readonly SimSend[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const send of sends) {
    if (send.outcome !== "accepted") continue;
    const key = sentMessageKey(send);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Posts Meta's echo of every accepted Messenger/Instagram send to the ingress, redelivered until
 * accepted (the echo is what confirms a send whose answer a crashed worker never recorded).
 */
export function followEchoes(sim: MetaSimulator, customers: SimCustomers) {
  const pending = new Set<Promise<unknown>>();
  let posted = 0;
  const unsubscribe = sim.onSend((send) => {
    if (send.outcome !== "accepted" || send.platform === "whatsapp") return;
    const delivery = deliverUntilAccepted(customers, () => customers.echo(send)).then(
      () => (posted += 1),
      () => undefined,
    );
    pending.add(delivery);
    void delivery.finally(() => pending.delete(delivery));
  });
  return {
    posted: () => posted,
    async stop() {
      unsubscribe();
      await Promise.all([...pending]);
    },
  };
}
