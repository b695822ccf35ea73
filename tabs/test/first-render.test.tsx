// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, Preload, preloadMeAndTeams, settledWithin, useResource } from '@humandebt/web';
import { deferred, FakeFetch, type FakeReply, localMe } from '@humandebt/web/test-support';
import { App } from '../src/App';
import Dashboard from '../src/dashboard/Dashboard';
import { prefetchSummary } from '../src/dashboard/prefetch';
import { summary } from './support/dashboard-fixtures';
import { dashboardRoutes } from './support/render-dashboard';
import { fakeTeamsHost } from './support/fake-host';
import { settled } from './support/settle';

afterEach(cleanup);

const TEAM = 'team-platform';
const SUMMARY = `/api/v1/teams/${TEAM}/summary`;
/** main.tsx's bounded wait, for the tests whose answers are all in at once: an upper bound it never reaches. */
const MAIN_WAIT_MS = 60_000;

/** What main.tsx does before the first render on a deep link: start the three answers, wait a bounded time. */
async function startLikeMain(net: FakeFetch, waitMs: number) {
  window.location.hash = `#/team/${TEAM}`;
  const host = fakeTeamsHost();
  const api = createApiClient({ fetch: net.fetch, getToken: () => host.getToken() });
  const preloadedSummary = prefetchSummary(api, TEAM);
  const preload = preloadMeAndTeams(api);
  await settledWithin([preloadedSummary, preload.me, preload.teams], waitMs);
  return { host, api, preload };
}

describe('first render of a deep-linked dashboard', () => {
  it('shows the index, the identity and no spinner in its very first render when the answers are in, and asks nothing twice', async () => {
    const net = dashboardRoutes(new FakeFetch());
    const { host, api, preload } = await startLikeMain(net, MAIN_WAIT_MS);

    render(<App host={host} api={api} dashboard={Dashboard} preload={preload} />);

    // No waiting: this is the first committed render.
    expect(screen.getByTestId('hd-index').textContent).toBe('42.3');
    expect(screen.getByText('Local demo')).toBeTruthy(); // from /me: the local identity's banner
    expect(screen.getAllByText(localMe.displayName, { exact: false }).length).toBeGreaterThan(0);
    expect(screen.queryByText(/Loading/)).toBeNull();

    // The components take the preloaded requests over instead of asking again: once all they started has run, each
    // endpoint was still asked once.
    await settled(() => net.calls.length);
    expect(net.callsTo(SUMMARY)).toHaveLength(1);
    expect(net.callsTo('/api/v1/me')).toHaveLength(1);
    expect(net.callsTo('/api/v1/teams')).toHaveLength(1);
    expect(screen.getByTestId('hd-index').textContent).toBe('42.3');
  });

  it('renders with a spinner when the service is slower than the wait, then takes the late answer over', async () => {
    const late = deferred<FakeReply>();
    const net = dashboardRoutes(new FakeFetch()).on(SUMMARY, late.promise);
    const { host, api, preload } = await startLikeMain(net, 30);

    render(<App host={host} api={api} dashboard={Dashboard} preload={preload} />);
    expect(screen.queryByTestId('hd-index')).toBeNull();
    expect(screen.getByText(/Loading/)).toBeTruthy();

    late.resolve({ body: summary });
    expect((await screen.findByTestId('hd-index')).textContent).toBe('42.3');
    await waitFor(() => expect(net.callsTo(SUMMARY)).toHaveLength(1));
  });

  it('asks again on a later visit: a preloaded answer is used once', async () => {
    const net = dashboardRoutes(new FakeFetch());
    const { host, api, preload } = await startLikeMain(net, MAIN_WAIT_MS);
    const first = render(<App host={host} api={api} dashboard={Dashboard} preload={preload} />);
    await settled(() => net.calls.length);
    expect(net.callsTo(SUMMARY)).toHaveLength(1);
    first.unmount();

    render(<App host={host} api={api} dashboard={Dashboard} />);
    expect(await screen.findByTestId('hd-index')).toBeTruthy();
    await waitFor(() => expect(net.callsTo(SUMMARY)).toHaveLength(2));
  });
});

describe('useResource with a preloaded answer', () => {
  it('does not render again when the first load hands back that same answer, but does for a new one', async () => {
    const answer = { n: 1 };
    const preload = new Preload(Promise.resolve(answer));
    await preload.settled;
    let renders = 0;
    const hook = renderHook(() => {
      renders += 1;
      return useResource((_signal: AbortSignal) => preload.take() ?? Promise.resolve({ n: 2 }), preload.state);
    });
    expect(hook.result.current).toMatchObject({ status: 'ready', data: answer });
    await settled(() => renders);
    expect(renders).toBe(1);

    act(() => hook.result.current.reload());
    await waitFor(() => expect(hook.result.current).toMatchObject({ status: 'ready', data: { n: 2 } }));
  });
});
