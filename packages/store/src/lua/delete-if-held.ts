import type { RedisClient } from "../connection";
import { defineScript, runScript } from "./run-script";

// GET and DEL in one script: between two commands the key could pass to another holder.
const DELETE_IF_HELD = defineScript(
  "delete-if-held",
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);

/**
 * Deletes `key` only while it still holds `value`: a lease, lock or claim given back by its holder,
 * never one that expired and was taken by another since. True when it was deleted.
 */
export async function deleteIfHeld(
  client: RedisClient,
  key: string,
  value: string,
): Promise<boolean> {
  return Number(await runScript(client, DELETE_IF_HELD, [key], [value])) === 1;
}
