export { startIngress, type RunningIngress, type RoleDeps, type IngressDeps } from "./ingress";
export { CountingStatusSink, statusItemKind, type StatusSink } from "./status-sink";
export { WEBHOOK_PATH, MAX_WEBHOOK_BYTES } from "./webhook-routes";
