// Polling for tests: wait for a condition instead of sleeping a guessed time.

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Resolves once `check` holds; throws naming `what` after `timeoutMs`. A check that throws fails the
 * wait at once (so a test can give up early, e.g. when the process it polls has exited); wrap the
 * check in `ignoringErrors` to poll something that may refuse while it is still starting.
 */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 20_000,
  what = "condition",
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The check, with a rejection or a throw counted as "not yet". */
export function ignoringErrors(check: () => boolean | Promise<boolean>): () => Promise<boolean> {
  return () =>
    Promise.resolve()
      .then(check)
      .catch(() => false);
}
