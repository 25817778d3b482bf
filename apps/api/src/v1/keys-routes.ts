import { requireAdmin } from "@meta-relay/access";
import { RelayError } from "@meta-relay/core";
import { requestLog } from "@meta-relay/http";
import { MAX_API_KEYS, type ApiKeyRecord } from "@meta-relay/store";
import { Router } from "express";
import { keyInputSchema, keyParamsSchema } from "./key-schemas";
import { parseOrThrow } from "./validate";
import type { V1Deps } from "./v1-deps";

/** POST/GET /v1/keys and DELETE /v1/keys/{id}: scoped keys, managed with an admin key. */
export function keysRouter(deps: V1Deps): Router {
  const router = Router();
  const log = deps.log.child({ module: "keys" });

  router.post("/keys", requireAdmin(), async (req, res) => {
    const input = parseOrThrow(keyInputSchema, req.body, "");
    const created = await deps.apiKeys.create({ ...input, channels: [...new Set(input.channels)] });
    if (!created) {
      throw new RelayError("key_limit_reached", `At most ${MAX_API_KEYS} keys can exist.`);
    }
    // The key is in the answer only: never in a log line.
    requestLog(res, log).info(
      { keyId: created.record.id, access: created.record.access, scopes: input.channels.length },
      "api key created",
    );
    res.status(201).json({ ...view(created.record), key: created.key });
  });

  router.get("/keys", requireAdmin(), async (_req, res) => {
    res.json({ keys: (await deps.apiKeys.list()).map(view) });
  });

  router.delete("/keys/:id", requireAdmin(), async (req, res) => {
    const { id } = parseOrThrow(keyParamsSchema, req.params, "");
    if (!(await deps.apiKeys.delete(id))) {
      throw new RelayError("key_not_found", `No key ${id} exists.`);
    }
    // Other API processes stop accepting it within their cache's life (KEY_CACHE_MS).
    deps.keyLookup.forget();
    requestLog(res, log).info({ keyId: id }, "api key deleted");
    res.status(204).end();
  });

  return router;
}

function view(record: ApiKeyRecord): ApiKeyRecord {
  // Field by field, so nothing else a record may carry is ever returned.
  const { id, name, access, channels, createdAt } = record;
  return { id, name, access, channels, createdAt };
}
