export { createHttpServer, type HttpServer, type HttpServerOptions } from "./http-server";
export { errorMapper, sendError, HTTP_STATUS, type ErrorEnvelope } from "./errors";
export { refuseOversized } from "./body-limit";
export { REQUEST_ID_HEADER, assignRequestId, requestIdOf, requestLog } from "./request-id";
