import { ConfigError, loadConfig } from "./index";

const complete = {
  META_APP_SECRET: "secret-one",
  META_VERIFY_TOKEN: "verify-me",
  RELAY_API_KEYS: "key-aaaaaaaaaaaaaaaa",
  RELAY_ENCRYPTION_KEY: "a".repeat(64),
  DASHBOARD_USERNAME: "ops",
  DASHBOARD_PASSWORD: "correct-horse",
};

describe("WINDOW_REMINDER_MINUTES", () => {
  it("defaults to one reminder an hour before a window ends", () => {
    expect(loadConfig(complete).reminderLeadMinutes).toEqual([60]);
  });

  it("takes a comma list, longest lead first, without duplicates", () => {
    const config = loadConfig({ ...complete, WINDOW_REMINDER_MINUTES: "15, 240,60,15" });
    expect(config.reminderLeadMinutes).toEqual([240, 60, 15]);
  });

  it("is off when set to nothing", () => {
    expect(loadConfig({ ...complete, WINDOW_REMINDER_MINUTES: "" }).reminderLeadMinutes).toEqual(
      [],
    );
  });

  it.each(["0", "-5", "1.5", "ten", "10080"])("refuses %s", (value) => {
    let problems: string[] = [];
    try {
      loadConfig({ ...complete, WINDOW_REMINDER_MINUTES: value });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).context.problems;
    }
    expect(problems.join("\n")).toMatch(/^WINDOW_REMINDER_MINUTES: /);
  });
});
