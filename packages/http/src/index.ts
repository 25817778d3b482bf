export { createHttpServer, type HttpServer, type HttpServerOptions } from "./http-server";
export { errorMapper, sendError, type ErrorEnvelope } from "./errors";
export { refuseOversized } from "./body-limit";
