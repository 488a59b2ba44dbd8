/**
 * @module
 * Cloudflare's published prices (USD, Workers Paid plan, beyond the monthly included amounts), for
 * the benchmark's cost per million reader requests. Taken on 2026-11-25 from Cloudflare's pricing
 * pages as stored by this project's documentation search (no internet here): Workers and Workflows
 * pricing (Workflows are billed as Workers Standard), KV pricing, Durable Objects pricing and
 * Analytics Engine pricing on developers.cloudflare.com.
 */

export const PRICES = {
  /** Workers Standard: $0.30 per million requests beyond 10 million a month. */
  workersRequestPerMillion: 0.3,
  /** $0.02 per million CPU milliseconds beyond 30 million a month. */
  cpuMsPerMillion: 0.02,
  /** KV: $0.50 per million reads beyond 10 million a month (misses count too). */
  kvReadPerMillion: 0.5,
  /** $5.00 per million writes (and deletes) beyond 1 million a month. */
  kvWritePerMillion: 5,
  /** Durable Objects: $0.15 per million requests (RPC calls and alarms) beyond 1 million a month. */
  durableObjectRequestPerMillion: 0.15,
  /** Workers Analytics Engine: $0.25 per million data points written beyond 10 million a month. */
  analyticsDataPointPerMillion: 0.25,
};

export const PRICES_SOURCE =
  "developers.cloudflare.com pricing pages for Workers (Standard), KV, Durable Objects and Analytics Engine, as stored by the docs search on 2026-11-25; marginal prices beyond each plan's included amounts";

export interface PerRequest {
  cpuMsPerRequest: number;
  kvReadsPerRequest: number;
  dataPointsPerRequest: number;
}

/** Dollars per million reader requests, by item. Readers never call the Durable Object or write KV. */
export function costPerMillion({ cpuMsPerRequest, kvReadsPerRequest, dataPointsPerRequest }: PerRequest) {
  const requests = PRICES.workersRequestPerMillion;
  const cpu = cpuMsPerRequest * PRICES.cpuMsPerMillion;
  const kvReads = kvReadsPerRequest * PRICES.kvReadPerMillion;
  const dataPoints = dataPointsPerRequest * PRICES.analyticsDataPointPerMillion;
  return { requests, cpu, kvReads, dataPoints, total: requests + cpu + kvReads + dataPoints };
}
