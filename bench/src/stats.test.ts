import { median, percentile, round } from "./stats";

describe("bench statistics", () => {
  it("takes the middle of three rounds", () => {
    expect(median([900, 300, 600])).toBe(600);
    expect(median([1, 2, 3, 4])).toBe(2.5);
    expect(() => median([])).toThrow();
  });

  it("computes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile([5], 99)).toBe(5);
    expect(round(1.23456, 2)).toBe(1.23);
  });
});
