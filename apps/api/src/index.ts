export { startApi, type RunningApi, type RoleDeps } from "./api";
export { buildOpenApiDocument, type OpenApiDocument } from "./docs/openapi";
