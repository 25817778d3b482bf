# syntax=docker/dockerfile:1
# One image for every role; RELAY_ROLES picks what a container runs (see docker-compose.yml).

# --- deps: every dependency, from the lockfile (manifests first, so this layer caches) ---
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/access/package.json packages/access/
COPY packages/channels/package.json packages/channels/
COPY packages/client/package.json packages/client/
COPY packages/config/package.json packages/config/
COPY packages/core/package.json packages/core/
COPY packages/http/package.json packages/http/
COPY packages/meta/package.json packages/meta/
COPY packages/observability/package.json packages/observability/
COPY packages/outbound/package.json packages/outbound/
COPY packages/queues/package.json packages/queues/
COPY packages/reminders/package.json packages/reminders/
COPY packages/store/package.json packages/store/
COPY packages/testkit/package.json packages/testkit/
COPY apps/api/package.json apps/api/
COPY apps/demo/package.json apps/demo/
COPY apps/ingress/package.json apps/ingress/
COPY apps/relay/package.json apps/relay/
COPY apps/worker/package.json apps/worker/
COPY bench/package.json bench/
COPY tests/e2e/package.json tests/e2e/
COPY tests/reliability/package.json tests/reliability/
RUN npm ci --no-audit --no-fund

# --- build: transpile every workspace to dist/ ---
FROM deps AS build
COPY . .
RUN npx turbo run build --output-logs=errors-only \
 && mkdir -p /out \
 && for dir in packages/* apps/* bench; do \
      mkdir -p "/out/$dir" && cp "$dir/package.json" "/out/$dir/" \
      && if [ -d "$dir/dist" ]; then cp -r "$dir/dist" "/out/$dir/"; fi; \
    done

# --- prod-deps: production dependencies only ---
FROM deps AS prod-deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=prod-deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /out/ ./
USER node
EXPOSE 8080 8081 8082
# SIGTERM starts a graceful shutdown bounded by SHUTDOWN_TIMEOUT_SECONDS (default 25).
STOPSIGNAL SIGTERM
CMD ["node", "apps/relay/dist/main.js"]
