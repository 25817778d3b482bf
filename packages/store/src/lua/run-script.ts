import { createHash } from "node:crypto";
import type { RedisClient } from "../connection";

/** A Lua script, loaded once per Redis node and then called by its SHA. */
export interface LuaScript {
  readonly name: string;
  readonly lua: string;
  readonly sha: string;
}

export function defineScript(name: string, lua: string): LuaScript {
  return { name, lua, sha: createHash("sha1").update(lua).digest("hex") };
}

/**
 * EVALSHA, falling back to EVAL when the node does not know the script yet (first call, restart,
 * failover). On a Cluster the call goes to the node owning the first key: every key a script
 * touches shares that key's hash tag.
 */
export async function runScript(
  client: RedisClient,
  script: LuaScript,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
    return client.eval(script.lua, keys.length, ...keys, ...args);
  }
}

/** HGETALL's flat reply turned into an object (Lua returns hashes as [k1, v1, k2, v2, ...]). */
export function pairsToRecord(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}
