import { createConnection } from "node:net";
import { startRedisServer } from "./redis-server";
import { testRedisUrl } from "./test-redis";

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ port, host: "127.0.0.1" }, () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().trim());
    });
    socket.once("error", reject);
  });
}

describe("startRedisServer", () => {
  it("starts a private server on a free port, survives a crash and restarts on the same port", async () => {
    const server = await startRedisServer({ args: ["--appendonly", "yes"] });
    try {
      expect(server.port).not.toBe(6379);
      expect(await ping(server.port)).toBe("+PONG");
      await server.stop("SIGKILL");
      await expect(ping(server.port)).rejects.toThrow();
      await server.restart();
      expect(await ping(server.port)).toBe("+PONG");
    } finally {
      await server.stop("SIGTERM");
    }
  });

  it("gives integration tests a reachable Redis", async () => {
    const url = new URL(testRedisUrl());
    expect(await ping(Number(url.port || 6379))).toBe("+PONG");
  });
});
