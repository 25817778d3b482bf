import type { components, webhooks } from "./generated/openapi";

/** Every event type the relay POSTs to EVENTS_WEBHOOK_URL. */
export type EventType = keyof webhooks;

type EventBody<T extends EventType> = NonNullable<
  webhooks[T]["post"]["requestBody"]
>["content"]["application/json"];

/** An event as POSTed; narrowed by its `type`, e.g. `if (event.type === "message.failed")`. */
export type RelayEvent<T extends EventType = EventType> = { [K in T]: EventBody<K> }[T];

/** The `data` of one event type. */
export type EventData<T extends EventType> = RelayEvent<T>["data"];

/** The API's error envelope, `{ error: { code, message, details? } }`. */
export type ApiError = components["schemas"]["Error"];
