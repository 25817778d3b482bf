export { startApi, type RunningApi, type RoleDeps } from "./api";
