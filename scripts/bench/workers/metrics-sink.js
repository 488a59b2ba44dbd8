/**
 * @module
 * The benchmark's METRICS binding: Miniflare's local Analytics Engine binding drops data points, so
 * bench-scale.ts binds the service's METRICS to this module instead (a wrapped binding, run inside
 * the service's own isolate). It adds each data point up — requests by cache layer and by
 * representation × layer, statuses, KV reads, each weighted by the point's sample interval (`double3`),
 * and the points written — and prints the running totals as one line
 * `METRICS {…}` at most every 200 ms, which bench-scale.ts reads from workerd's stdout. Costs one
 * object update per request, about what the real binding's call costs.
 */

export default function metricsSink() {
  const totals = { points: 0, requests: 0, kvReads: 0, layers: {}, byRepresentation: {}, statuses: {} };
  let printed = 0;
  return {
    writeDataPoint(point) {
      const [representation, layer] = point.blobs;
      // double3: how many requests the point stands for (cache hits are sampled, src/reader/metrics.ts).
      const [status, kvReads, interval = 1] = point.doubles;
      const l = layer || "none";
      totals.points++;
      totals.requests += interval;
      totals.kvReads += kvReads * interval;
      totals.layers[l] = (totals.layers[l] ?? 0) + interval;
      const rl = `${representation || "none"} ${l}`;
      totals.byRepresentation[rl] = (totals.byRepresentation[rl] ?? 0) + interval;
      totals.statuses[status] = (totals.statuses[status] ?? 0) + interval;
      const now = Date.now();
      if (now - printed >= 200) {
        printed = now;
        console.log("METRICS " + JSON.stringify(totals));
      }
    },
  };
}
