import { SimulatorError } from "./errors";
import { pageEntries } from "./page-payloads";
import type { SimPlatform } from "./types";
import type { ResolvedEvent } from "./webhook-events";
import { whatsappEntries } from "./whatsapp-payloads";

const OBJECTS: Record<SimPlatform, string> = {
  messenger: "page",
  instagram: "instagram",
  whatsapp: "whatsapp_business_account",
};

/** One webhook body, in Meta's shape for the platform of the events (they must share one). */
export function buildWebhookPayload(events: ResolvedEvent[]): object {
  const platform = events[0]?.who.platform;
  if (!platform) throw new SimulatorError("empty_batch", "a webhook needs at least one event");
  if (events.some((event) => event.who.platform !== platform)) {
    throw new SimulatorError("mixed_batch", "one webhook carries events of one platform only");
  }
  const entry = platform === "whatsapp" ? whatsappEntries(events) : pageEntries(events);
  return { object: OBJECTS[platform], entry };
}
