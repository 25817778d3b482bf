import type { Echo, StatusUpdate } from "@meta-relay/core";

/**
 * Where the ingress hands Meta's news about messages we sent (WhatsApp statuses, Messenger delivery
 * and read watermarks, Instagram `messaging_seen`, echoes). The ingress answers 200 only after
 * `apply` resolved, so a sink that writes to Redis must reject when its writes were not acknowledged.
 */
export interface StatusSink {
  apply(items: (StatusUpdate | Echo)[]): Promise<void>;
}

/** The kind a status item is counted under: `echo` or `status_<status>`. */
export function statusItemKind(item: StatusUpdate | Echo): string {
  return item.type === "echo" ? "echo" : `status_${item.status}`;
}

/**
 * The default sink: counts what it is given and changes nothing. The outbound role plugs in the
 * sink that updates message records.
 */
export class CountingStatusSink implements StatusSink {
  private readonly counts = new Map<string, number>();

  apply(items: (StatusUpdate | Echo)[]): Promise<void> {
    for (const item of items) {
      const kind = statusItemKind(item);
      this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    }
    return Promise.resolve();
  }

  /** How many items of a kind (`echo`, `status_delivered`…) were applied so far. */
  count(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }
}
