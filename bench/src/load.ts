import autocannon from "autocannon";

export interface LoadResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
}

export interface LoadOptions {
  url: string;
  path: string;
  seconds: number;
  connections: number;
  /** Builds each request's body and headers; called once per request. */
  nextRequest: () => { body: string; headers: Record<string, string> };
  /** Fixed offered load (requests/s over all connections); omit for saturation. */
  rate?: number;
}

/** Drives one endpoint with autocannon and returns throughput and latency. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    ...(options.rate ? { overallRate: options.rate } : {}),
    requests: [
      {
        method: "POST",
        path: options.path,
        setupRequest: (request) => {
          const next = options.nextRequest();
          return { ...request, body: next.body, headers: { ...request.headers, ...next.headers } };
        },
      },
    ],
  });
  return {
    // Completed requests over the measured time (autocannon's per-second average drops partial seconds).
    rps: result.requests.total / Math.max(result.duration, 0.001),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
