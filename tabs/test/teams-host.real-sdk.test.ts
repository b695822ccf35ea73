// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { connectTeamsHost } from '../src/teams/teams-host';

/** Far beyond anything the real SDK needs to refuse: reaching it means connectTeamsHost waited for its timeout. */
const TIMEOUT_MS = 60_000;

// The real Teams SDK, loaded through the same lazy import the tab uses. A jsdom page is a top-level window
// with no parent, just like the local demo opened in a browser: the host must come back standalone because the SDK
// refuses at once, not because the timeout ran out.
describe('connectTeamsHost with the real teams-js outside Teams', () => {
  it('falls back to standalone well before the timeout', async () => {
    // Load the SDK module first (the tab's lazy import then finds it loaded): what races the timeout below is
    // initialize(), not how long a busy machine takes to load a module.
    await import('../src/teams/teams-sdk');
    let timer: ReturnType<typeof setTimeout> | undefined;
    const halfway = new Promise<'halfway'>((resolve) => {
      timer = setTimeout(() => resolve('halfway'), TIMEOUT_MS / 2);
    });
    try {
      const host = await Promise.race([connectTeamsHost({ timeoutMs: TIMEOUT_MS }), halfway]);
      if (host === 'halfway')
        throw new Error('the real SDK did not refuse outside Teams: the host waits for its timeout');
      expect(host.mode).toBe('standalone');
      await expect(host.getToken()).resolves.toBeUndefined();
    } finally {
      clearTimeout(timer);
    }
  });
});
