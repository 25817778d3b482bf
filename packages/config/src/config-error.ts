import { RelayError } from "@meta-relay/core";

/** Start-up stops with this one error, which names every problem found in the environment. */
export class ConfigError extends RelayError<"config_invalid", { problems: string[] }> {
  constructor(problems: string[]) {
    super(
      "config_invalid",
      `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      {
        context: { problems },
      },
    );
  }
}
