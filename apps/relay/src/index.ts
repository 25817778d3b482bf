export { startRelay, type RunningRelay, type RunningRole } from "./launcher";
