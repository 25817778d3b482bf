export { createLogger, REDACTED_PATHS, type Logger, type LoggerSettings } from "./logger";
export { createMetrics, collectProcessMetrics, type RelayMetrics } from "./metrics";
