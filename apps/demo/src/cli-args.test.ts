import { DemoError } from "./demo-error";
import { parseDemoArgs } from "./cli-args";

describe("parseDemoArgs", () => {
  it("defaults to an endless run on free ports with a well-behaved Meta", () => {
    expect(parseDemoArgs([])).toEqual({
      once: false,
      simulateMetaError: null,
      apiPort: 0,
      ingressPort: 0,
      help: false,
    });
  });

  it("reads --once, the simulated Meta error and the ports, as separate or inline values", () => {
    expect(
      parseDemoArgs([
        "--once",
        "--simulate-meta-error",
        "190",
        "--api-port=9100",
        "--ingress-port",
        "9101",
      ]),
    ).toEqual({
      once: true,
      simulateMetaError: 190,
      apiPort: 9100,
      ingressPort: 9101,
      help: false,
    });
    expect(parseDemoArgs(["--simulate-meta-error=613"]).simulateMetaError).toBe(613);
    expect(parseDemoArgs(["-h"]).help).toBe(true);
  });

  it.each([
    [["--onse"], /unknown option --onse/],
    [["--simulate-meta-error"], /--simulate-meta-error needs a value/],
    [["--simulate-meta-error", "abc"], /whole number from 1 to 999999, not "abc"/],
    [["--simulate-meta-error", "0"], /whole number/],
    [["--api-port", "70000"], /--api-port must be a whole number from 0 to 65535/],
    [["--ingress-port=-1"], /--ingress-port must be a whole number/],
  ])("refuses %j", (argv, message) => {
    let thrown: unknown;
    try {
      parseDemoArgs(argv);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DemoError);
    expect((thrown as DemoError).code).toBe("demo_usage");
    expect((thrown as DemoError).message).toMatch(message);
  });
});
