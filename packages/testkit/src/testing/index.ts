// Test helpers several workspaces share. A separate entry (`@meta-relay/testkit/testing`) that no
// build emits, so nothing at runtime (the demo imports the simulator) can pull these in.
export { waitFor, sleep, ignoringErrors } from "./wait";
export {
  startEventsReceiver,
  hasEventSignature,
  QUEUED_EVENTS_ENV,
  type EventsReceiver,
  type ReceivedEvent,
  type ReceivedRequest,
  type ReceiverAnswer,
} from "./events-receiver";
export {
  messagingWebhook,
  fromCustomer,
  fromPage,
  whatsappWebhook,
  whatsappText,
} from "./meta-payloads";
