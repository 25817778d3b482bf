import { isAddressableId, type InboundItem, type Platform } from "@meta-relay/core";
import { objectOf, type JsonObject } from "./read";

/** An item of a webhook that did not match Meta's documented shape: skipped and counted. */
export interface MalformedItem {
  platform: Platform;
  /** Where in the payload, e.g. "entry[2].messaging[0]". */
  path: string;
  /** What is wrong, naming fields, never a value from the payload. */
  issue: string;
}

/**
 * Malformed items described in full; further ones are only counted, so a signed webhook stuffed
 * with junk costs little time, memory and log volume.
 */
const MALFORMED_DETAILS_KEPT = 20;

/** The `kind` of an item skipped because an id it names could not be a key or an API path. */
export const UNADDRESSABLE_KIND = "unaddressable";

/** Gathers the items of one webhook; a malformed item is recorded and the walk goes on. */
export class ItemCollector {
  readonly items: InboundItem[] = [];
  /** The first MALFORMED_DETAILS_KEPT malformed items. */
  readonly malformed: MalformedItem[] = [];
  /** Every malformed item, described or not. */
  malformedCount = 0;

  constructor(readonly platform: Platform) {}

  /** The value as an object, or null after recording the item as malformed. */
  object(value: unknown, path: string): JsonObject | null {
    const found = objectOf(value);
    if (found) return found;
    this.skip(path, "expected an object");
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

  /**
   * True when every id can be kept in a key; otherwise the item is counted as unaddressable (the
   * ids themselves are never recorded, not even in the count's labels).
   */
  addressable(...ids: string[]): boolean {
    if (ids.every(isAddressableId)) return true;
    this.ignore("", UNADDRESSABLE_KIND);
    return false;
  }
}
