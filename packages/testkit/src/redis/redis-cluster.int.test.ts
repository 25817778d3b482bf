import { Cluster } from "ioredis";
import { startRedisCluster } from "./redis-cluster";

describe("startRedisCluster", () => {
  it("starts three masters that serve every slot", async () => {
    const cluster = await startRedisCluster(3);
    const client = new Cluster(cluster.nodes);
    try {
      expect(cluster.nodes).toHaveLength(3);
      // Keys in different slots land on different masters; the client follows MOVED.
      for (let i = 0; i < 30; i++) await client.set(`k${i}`, String(i));
      expect(await client.get("k29")).toBe("29");
      const masters = client.nodes("master");
      expect(masters).toHaveLength(3);
      const sizes = await Promise.all(masters.map((node) => node.dbsize()));
      expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(1);
      await expect(client.mget("k1", "k2", "k3")).rejects.toThrow(/CROSSSLOT/);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  });
});
