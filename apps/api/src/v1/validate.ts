import { RelayError } from "@meta-relay/core";
import type { z } from "zod";

/** One problem with a request, as the 400 envelope lists it. */
export interface FieldProblem {
  /** Dotted path of the field, e.g. "message.text" or "channelId". */
  path: string;
  message: string;
}

export class InvalidRequestError extends RelayError<
  "invalid_request",
  { details: FieldProblem[] }
> {
  constructor(details: FieldProblem[]) {
    super("invalid_request", `Invalid request: ${details.map((d) => d.path).join(", ")}.`, {
      context: { details },
    });
  }
}

/** Parses `value` or throws a 400 naming every offending field. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new InvalidRequestError(result.error.issues.flatMap((issue) => problems(issue, where)));
}

function problems(issue: z.core.$ZodIssue, where: string): FieldProblem[] {
  // A problem with the whole body (missing, or not an object) is named "body".
  const path = (extra: PropertyKey[]) =>
    [where, ...issue.path, ...extra]
      .map(String)
      .filter((p) => p !== "")
      .join(".") || "body";
  // An unknown field is named itself, not its parent object.
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: path([key]), message: "is not a known field" }));
  }
  return [{ path: path([]), message: issue.message }];
}
