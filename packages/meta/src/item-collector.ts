import type { InboundItem, Platform } from "@meta-relay/core";
import type { z } from "zod";

/** An item of a webhook that did not match Meta's documented shape: skipped and counted. */
export interface MalformedItem {
  platform: Platform;
  /** Where in the payload, e.g. "entry[2].messaging[0]". */
  path: string;
  /** The first schema issue, without any value from the payload. */
  issue: string;
}

/**
 * Malformed items described in full; further ones are only counted, so a signed webhook stuffed
 * with junk costs little time, memory and log volume.
 */
const MALFORMED_DETAILS_KEPT = 20;

/** Gathers the items of one webhook; a malformed item is recorded and the walk goes on. */
export class ItemCollector {
  readonly items: InboundItem[] = [];
  /** The first MALFORMED_DETAILS_KEPT malformed items. */
  readonly malformed: MalformedItem[] = [];
  /** Every malformed item, described or not. */
  malformedCount = 0;

  constructor(readonly platform: Platform) {}

  /** The parsed value, or null after recording the item as malformed. */
  parse<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> | null {
    // Every entry, change and item is an object: anything else is refused without zod's full report.
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.skip(path, "expected an object");
      return null;
    }
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const first = result.error.issues[0];
    const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
    this.skip(path, `${where}${first?.message ?? "invalid"}`);
    return null;
  }

  skip(path: string, issue: string): void {
    this.malformedCount += 1;
    if (this.malformed.length < MALFORMED_DETAILS_KEPT) {
      this.malformed.push({ platform: this.platform, path, issue });
    }
  }

  add(item: InboundItem): void {
    this.items.push(item);
  }

  /** An item that is acknowledged and counted but changes nothing. `kind` is a fixed word. */
  ignore(channelId: string, kind: string): void {
    this.items.push({ type: "ignored", platform: this.platform, channelId, kind });
  }
}
