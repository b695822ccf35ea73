/**
 * The CI part of the soak: test/bench/soak.bench.ts for one minute (SOAK_MINUTES overrides) — mixed bot and API
 * traffic at 50 requests/s against the built service as a child process — must run without a single error.
 * The ten-minute run with the memory target is `npm run bench -- soak`, not part of CI.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../../test/bench/soak.bench';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 1);

describe('soak (short)', () => {
  it(
    `${MINUTES} min of mixed bot and API traffic at 50 requests/s: zero errors`,
    async () => {
      const r = await runSoak({ minutes: MINUTES, rssSampleMs: 2_000 });
      console.log(
        `[soak] ${r.requests} requests in ${r.seconds.toFixed(0)} s (${r.botRequests} bot, ${r.apiRequests} API), ${r.errors} errors, ${r.refusals} refusals, ` +
          `p50 ${r.p50Ms.toFixed(1)} ms, p95 ${r.p95Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms (p95 bot ${r.botP95Ms.toFixed(1)} ms, API ${r.apiP95Ms.toFixed(1)} ms, in the service ${r.serverP95Ms.toFixed(1)} ms), max ${r.maxMs.toFixed(0)} ms, ${r.retrosClosed} retros closed, ` +
          `RSS ${r.rssReferenceMiB.toFixed(1)} MiB at ${(r.rssReferenceAtMs / 1000).toFixed(0)} s → ${r.rssEndMiB.toFixed(1)} MiB at the end (${r.rssGrowthPct >= 0 ? '+' : ''}${r.rssGrowthPct.toFixed(1)} %)`,
      );
      if (r.refusalSamples.length) console.log(`[soak] refusals, e.g.: ${JSON.stringify(r.refusalSamples)}`);
      expect(r.errorSamples).toEqual([]);
      expect(r.errors).toBe(0);
      expect(r.requests).toBe(Math.floor(MINUTES * 60 * 50));
      if (MINUTES >= 1) expect(r.retrosClosed).toBeGreaterThan(0);
      expect(Number.isFinite(r.p95Ms)).toBe(true);
    },
    // The traffic is paced, so the run takes its minutes; the rest is start-up and the last answers, sized for a
    // busy machine.
    MINUTES * 60_000 + 180_000,
  );
});
