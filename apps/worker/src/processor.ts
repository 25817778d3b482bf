/** A BullMQ processor the worker role runs (outbound delivery, event delivery). */
export interface RunningProcessor {
  name: string;
  /** False when the processor has stopped consuming (e.g. a wedged blocking connection). */
  isLive(): boolean;
  /** Stop taking jobs and let active ones finish, up to `timeoutMs`. */
  close(timeoutMs: number): Promise<void>;
}
