export { parseDemoArgs, USAGE, type DemoArgs } from "./cli-args";
export { startDemoStack, type DemoStack, type DemoStackOptions } from "./demo-stack";
export { playDemo, printIntro, printKeepRunning, type DemoResult } from "./run-demo";
export { createDisplay, type Display, type Output } from "./progress";
export { DEMO_SCENARIO, DEMO_CHANNELS, CUSTOMERS, type DemoStep } from "./scenario";
export { startEventsReceiver, type EventsReceiver } from "./events-receiver";
