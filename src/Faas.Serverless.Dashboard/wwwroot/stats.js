// Figures for the service charts, computed from an execution listing (GET …/services/{id}/executions?from=…):
// the listing's createdAt and updatedAt are all the charts need, so no extra API is involved.
import { isFinal } from './dom.js';

const MINUTE = 60_000;

/** Executions created in each minute of [from, to), split into succeeded, failed and not yet final. */
export function perMinute(executions, from, to) {
  const start = Math.floor(from / MINUTE) * MINUTE;
  const buckets = [];
  for (let t = start; t < to; t += MINUTE) buckets.push({ t, success: 0, failed: 0, running: 0 });
  for (const e of executions) {
    const index = Math.floor((Date.parse(e.createdAt) - start) / MINUTE);
    const bucket = buckets[index];
    if (!bucket) continue;
    if (e.status === 'success') bucket.success += 1;
    else if (isFinal(e.status)) bucket.failed += 1;
    else bucket.running += 1;
  }
  return buckets;
}

/**
 * End-to-end latency of each finished execution: from its creation to its final status (updatedAt), so queueing
 * and retries count, as a caller waiting for the result sees it.
 */
export function latencies(executions) {
  return executions
    .filter((e) => isFinal(e.status))
    .map((e) => ({ t: Date.parse(e.createdAt), seconds: Math.max(0, (Date.parse(e.updatedAt) - Date.parse(e.createdAt)) / 1000), status: e.status }))
    .sort((a, b) => a.t - b.t);
}

/** The p-th percentile (0..100) of values, nearest rank; null when there are none. */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
