export { startIngress, type RunningIngress, type RoleDeps } from "./ingress";
