// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { connectTeamsHost } from '../src/teams/teams-host';

// The real Teams SDK, loaded through the same lazy import the tab uses. A jsdom page is a top-level window
// with no parent, just like the local demo opened in a browser: the host must come back standalone, fast.
describe('connectTeamsHost with the real teams-js outside Teams', () => {
  it('falls back to standalone well before the timeout', async () => {
    const started = Date.now();
    const host = await connectTeamsHost({ timeoutMs: 5000 });
    expect(host.mode).toBe('standalone');
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(host.getToken()).resolves.toBeUndefined();
  });
});
