/**
 * @module
 * What `npm run bench:scale` concludes from its phases: each contender's steady figures, what a
 * million requests cost, the cache layers' shares, and the goals met or not; and the table it prints.
 */

import type { MixResult } from "./mix.ts";
import { costPerMillion, PRICES, PRICES_SOURCE } from "./prices.ts";
import type { PublishRow } from "./publish.ts";
import type { Totals } from "./workerd.ts";

export interface Phase {
  contender: string;
  phase: string;
  mix: MixResult;
  cpuMsPerRequest: number;
  metrics?: Totals;
}

export interface SummaryInput {
  phases: Phase[];
  publish: PublishRow[];
  hotRatio: { html: number; json: number };
  startupMs: { bundle: number };
  bundleGzipKiB: number;
  memory: { serviceHeap: { totalMiB: number }; serviceNoCacheApiHeap: { totalMiB: number } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const layerShare = (t: Totals) => Object.fromEntries(Object.entries(t.layers).map(([k, v]) => [k, v / t.requests]));

export function summarize(input: SummaryInput) {
  const { phases, publish, hotRatio, startupMs, memory } = input;
  const steady = (c: string) => phases.filter((p) => p.contender === c && p.phase.startsWith("steady"));
  const sum = (ps: Phase[], f: (p: Phase) => number) => ps.reduce((a, p) => a + f(p), 0);
  const merged = (c: string) => {
    const ps = steady(c);
    const requests = sum(ps, (p) => p.mix.requests);
    return {
      rps: sum(ps, (p) => p.mix.rps) / ps.length,
      p50: median(ps.map((p) => p.mix.p50)),
      p99: Math.max(...ps.map((p) => p.mix.p99)),
      requests,
      cpuMsPerRequest: sum(ps, (p) => p.cpuMsPerRequest * p.mix.requests) / requests,
      // Paths this contender had never been asked for: a KV read that no cache can save (scripts/bench/mix.ts).
      firstTouchesPer1000: (1000 * sum(ps, (p) => p.mix.firstTouches)) / requests,
    };
  };
  const steadyTotals = (c: string) =>
    steady(c)
      .map((p) => p.metrics!)
      .reduce((a, b) => ({
        points: a.points + b.points,
        requests: a.requests + b.requests,
        kvReads: a.kvReads + b.kvReads,
        layers: Object.fromEntries([...new Set([...Object.keys(a.layers), ...Object.keys(b.layers)])].map((k) => [k, (a.layers[k] ?? 0) + (b.layers[k] ?? 0)])),
        byRepresentation: {},
        statuses: {},
      }));
  const svcSteady = steadyTotals("service");
  const noCacheSteady = steadyTotals("service-no-cache-api");
  const cold = phases.find((p) => p.phase === "cold" && p.contender === "service")!;
  const coldNoCache = phases.find((p) => p.phase === "cold" && p.contender === "service-no-cache-api")!;
  // The naive Worker reads KV once for every article URL (all but listings and feeds, which it does not serve).
  const naiveKvPer1000 = (p: Phase) => 1000 * (1 - (p.mix.kinds["listing/feed"] ?? 0) / Object.values(p.mix.kinds).reduce((a, b) => a + b, 0));
  const contenders = {
    service: {
      ...merged("service"),
      kvReadsPer1000: (1000 * svcSteady.kvReads) / svcSteady.requests,
      dataPointsPerRequest: svcSteady.points / svcSteady.requests,
    },
    "service, no Cache API": {
      ...merged("service-no-cache-api"),
      kvReadsPer1000: (1000 * noCacheSteady.kvReads) / noCacheSteady.requests,
      dataPointsPerRequest: noCacheSteady.points / noCacheSteady.requests,
    },
    naive: { ...merged("naive"), kvReadsPer1000: median(steady("naive").map(naiveKvPer1000)), dataPointsPerRequest: 0 },
    constant: { ...merged("constant"), kvReadsPer1000: 0, dataPointsPerRequest: 0 },
  };
  const costs = Object.fromEntries(
    Object.entries(contenders).map(([k, c]) => [
      k,
      costPerMillion({ cpuMsPerRequest: c.cpuMsPerRequest, kvReadsPerRequest: c.kvReadsPer1000 / 1000, dataPointsPerRequest: c.dataPointsPerRequest }),
    ]),
  );
  const publishCost = publish.map((r) => ({
    operation: r.operation,
    dollarsPerMillionPublishes: r.kvKeys * PRICES.kvWritePerMillion + PRICES.durableObjectRequestPerMillion + PRICES.workersRequestPerMillion,
  }));

  const noCache = contenders["service, no Cache API"];
  const cacheLayers = {
    service: { cold: layerShare(cold.metrics!), steady: layerShare(svcSteady), coldKvReadsPer1000: (1000 * cold.metrics!.kvReads) / cold.metrics!.requests },
    noCache: {
      cold: layerShare(coldNoCache.metrics!),
      steady: layerShare(noCacheSteady),
      coldKvReadsPer1000: (1000 * coldNoCache.metrics!.kvReads) / coldNoCache.metrics!.requests,
    },
  };
  const goals = [
    { goal: "≥ 5× the naive Worker's throughput under the mix", value: contenders.service.rps / contenders.naive.rps, limit: 5, higher: true },
    {
      goal: "≥ 5× the naive Worker's throughput under the mix, without the local Cache API",
      value: noCache.rps / contenders.naive.rps,
      limit: 5,
      higher: true,
    },
    { goal: "≤ 5 KV reads per 1,000 requests, steady phase", value: contenders.service.kvReadsPer1000, limit: 5, higher: false },
    { goal: "≤ 5 KV reads per 1,000 requests, steady phase, without the Cache API", value: noCache.kvReadsPer1000, limit: 5, higher: false },
    // Not the goal but what explains it: the reads the caches could have saved.
    {
      goal: "(≤ 5 KV reads per 1,000 beyond first touches, steady phase)",
      value: contenders.service.kvReadsPer1000 - contenders.service.firstTouchesPer1000,
      limit: 5,
      higher: false,
    },
    { goal: "hot path HTML ≥ 0.95× the same-bytes-and-headers constant Worker", value: hotRatio.html, limit: 0.95, higher: true },
    { goal: "hot path JSON ≥ 0.95× the same-bytes-and-headers constant Worker", value: hotRatio.json, limit: 0.95, higher: true },
    { goal: "start-up CPU ≤ 5 ms", value: startupMs.bundle, limit: 5, higher: false },
    { goal: "bundle ≤ 50 KiB gzipped", value: input.bundleGzipKiB, limit: 50, higher: false },
    { goal: "publish p99 ≤ 50 ms", value: Math.max(...publish.map((r) => r.p99)), limit: 50, higher: false },
    {
      goal: "isolate heap reserved ≤ 128 MiB (the isolate limit; the caches' budget is 40 MiB of it)",
      value: Math.max(memory.serviceHeap.totalMiB, memory.serviceNoCacheApiHeap.totalMiB),
      limit: 128,
      higher: false,
    },
  ].map((g) => ({ ...g, met: g.higher ? g.value >= g.limit : g.value <= g.limit }));
  return { contenders, costs, publishCost, cacheLayers, goals };
}

type Summary = ReturnType<typeof summarize>;

export function printSummary(
  { N, DURATION, STEADY_ROUNDS, CONNECTIONS }: { N: number; DURATION: number; STEADY_ROUNDS: number; CONNECTIONS: number },
  contenders: Summary["contenders"],
  costs: Summary["costs"],
  cacheLayers: Summary["cacheLayers"],
  goals: Summary["goals"],
): void {
  const f = (v: number, d = 2) => (Number.isFinite(v) ? v.toFixed(d) : "–");
  console.log(`\nsteady phase, ${N} articles (${STEADY_ROUNDS} rounds × ${DURATION / STEADY_ROUNDS} s, ${CONNECTIONS} connections):`);
  console.log(
    `${"contender".padEnd(22)} ${"req/s".padStart(7)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"KV/1000".padStart(8)} ${"1st/1000".padStart(8)} ${"CPU ms/req".padStart(10)} ${"$/M req".padStart(8)}`,
  );
  for (const [k, c] of Object.entries(contenders))
    console.log(
      `${k.padEnd(22)} ${String(Math.round(c.rps)).padStart(7)} ${f(c.p50).padStart(7)} ${f(c.p99).padStart(7)} ${f(c.kvReadsPer1000, 1).padStart(8)} ${f(c.firstTouchesPer1000, 1).padStart(8)} ${f(c.cpuMsPerRequest, 3).padStart(10)} ${f(costs[k].total, 3).padStart(8)}`,
    );
  console.log(`  1st/1000: requests for a path the contender had never been asked for (a KV read in any design; scripts/bench/mix.ts)`);
  const noCache = contenders["service, no Cache API"];
  console.log(
    `service ÷ naive: ${f(contenders.service.rps / contenders.naive.rps)}× (without the local Cache API ${f(noCache.rps / contenders.naive.rps)}×); ÷ constant: ${f(contenders.service.rps / contenders.constant.rps)}× (${f(noCache.rps / contenders.constant.rps)}×)`,
  );
  const pct = (shares: Record<string, number>) =>
    Object.entries(shares)
      .map(([k, v]) => `${k} ${(100 * v).toFixed(1)}%`)
      .join(", ");
  console.log(
    `cache layers (share of requests; "none": redirects and errors), service: cold ${pct(cacheLayers.service.cold)}; steady ${pct(cacheLayers.service.steady)}`,
  );
  console.log(`  without the Cache API: cold ${pct(cacheLayers.noCache.cold)}; steady ${pct(cacheLayers.noCache.steady)}`);
  console.log(`prices: ${PRICES_SOURCE}`);

  console.log("\ngoals:");
  for (const g of goals) console.log(`  ${g.met ? "met    " : "NOT met"}  ${g.goal}: ${f(g.value)}`);
}
