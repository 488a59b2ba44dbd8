/**
 * @module
 * The benchmark's METRICS binding: Miniflare's local Analytics Engine binding drops data points, so
 * bench-scale.ts binds the service's METRICS to this module instead (a wrapped binding, run inside
 * the service's own isolate). It adds each data point up — requests by cache layer and by
 * representation × layer, statuses, KV reads — and prints the running totals as one line
 * `METRICS {…}` at most every 200 ms, which bench-scale.ts reads from workerd's stdout. Costs one
 * object update per request, about what the real binding's call costs.
 */

export default function metricsSink() {
  const totals = { requests: 0, kvReads: 0, layers: {}, byRepresentation: {}, statuses: {} };
  let printed = 0;
  return {
    writeDataPoint(point) {
      const [representation, layer] = point.blobs;
      const [status, kvReads] = point.doubles;
      const l = layer || "none";
      totals.requests++;
      totals.kvReads += kvReads;
      totals.layers[l] = (totals.layers[l] ?? 0) + 1;
      const rl = `${representation || "none"} ${l}`;
      totals.byRepresentation[rl] = (totals.byRepresentation[rl] ?? 0) + 1;
      totals.statuses[status] = (totals.statuses[status] ?? 0) + 1;
      const now = Date.now();
      if (now - printed >= 200) {
        printed = now;
        console.log("METRICS " + JSON.stringify(totals));
      }
    },
  };
}
