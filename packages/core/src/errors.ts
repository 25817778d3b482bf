/**
 * The one base error of meta-relay. Every error a package throws on purpose extends it, so each
 * edge (express middleware, BullMQ processor) can map it by `code` and `retryable` alone.
 */
export type ErrorContext = Record<string, unknown>;

export interface RelayErrorOptions<C extends ErrorContext = ErrorContext> {
  /** Whether trying the same operation again later may succeed. */
  retryable?: boolean;
  /** Structured facts about the failure; never secrets or message bodies. */
  context?: C;
  cause?: unknown;
}

export class RelayError<
  Code extends string = string,
  C extends ErrorContext = ErrorContext,
> extends Error {
  readonly code: Code;
  readonly retryable: boolean;
  readonly context: C;

  constructor(code: Code, message: string, options: RelayErrorOptions<C> = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.context = options.context ?? ({} as C);
  }
}

/** True for any error that came from our own code (as opposed to a library or a bug). */
export function isRelayError(error: unknown): error is RelayError {
  return error instanceof RelayError;
}
