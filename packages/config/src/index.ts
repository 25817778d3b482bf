export { loadConfig, readProcessEnv, type RelayConfig, type EnvSource } from "./load-config";
export { ConfigError } from "./config-error";
export { ROLES, envSchema, requirementsByRole, type Role, type ParsedEnv } from "./env-schema";
export type { HostPort } from "./parsers";
