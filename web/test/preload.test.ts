import { MeResponse } from '@humandebt/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApiClient, Preload, preloadMeAndTeams, settledWithin } from '../src/index';
import { deferred, errorBody, FakeFetch, localMe, platformTeam } from '../test-support/index';

afterEach(() => {
  vi.useRealTimers();
});

describe('Preload', () => {
  it('shows loading until the answer is in, then the answer', async () => {
    const reply = deferred<{ name: string }>();
    const preload = new Preload(reply.promise);
    expect(preload.state).toEqual({ status: 'loading' });
    reply.resolve({ name: 'Platform' });
    await preload.settled;
    expect(preload.state).toEqual({ status: 'ready', data: { name: 'Platform' } });
  });

  it('hands its request over once: a retry or a later visit asks again', async () => {
    const request = Promise.resolve(42);
    const preload = new Preload(request);
    expect(preload.take()).toBe(request);
    expect(preload.take()).toBeUndefined();
    // The state stays readable after the hand-over.
    await preload.settled;
    expect(preload.state).toEqual({ status: 'ready', data: 42 });
  });

  it('turns a failure into the client’s own error, and `settled` still resolves', async () => {
    const net = new FakeFetch().on('/api/v1/me', {
      status: 503,
      body: errorBody('store_unavailable', 'The data store is not reachable right now.'),
    });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    const preload = new Preload(api.getJson('/api/v1/me', MeResponse));
    await expect(preload.settled).resolves.toBeUndefined();
    const state = preload.state;
    expect(state.status).toBe('error');
    expect(state.status === 'error' && state.error).toBeInstanceOf(ApiError);
    expect(state.status === 'error' && state.error.status).toBe(503);
    // The taken request still rejects for whoever takes it over (it reports the failure its own way).
    await expect(preload.take()).rejects.toBeInstanceOf(ApiError);
  });

  it('starts /me and /teams at once, each requested exactly once', async () => {
    const net = new FakeFetch()
      .on('/api/v1/me', { body: localMe })
      .on('/api/v1/teams', { body: { teams: [platformTeam] } });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    const { me, teams } = preloadMeAndTeams(api);
    // An upper bound only: both answers are in at once, and the state checks below need them in.
    await settledWithin([me, teams], 60_000);
    expect(me.state).toEqual({ status: 'ready', data: localMe });
    expect(teams.state).toEqual({ status: 'ready', data: { teams: [platformTeam] } });
    expect(net.callsTo('/api/v1/me')).toHaveLength(1);
    expect(net.callsTo('/api/v1/teams')).toHaveLength(1);
  });
});

describe('settledWithin', () => {
  it('resolves as soon as every preload has settled, failures included', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    const a = deferred<number>();
    const failing = new Preload(Promise.reject(new Error('down')));
    const wait = settledWithin([new Preload(a.promise), failing, undefined], 10_000).then(done);
    await vi.advanceTimersByTimeAsync(0);
    expect(done).not.toHaveBeenCalled();
    a.resolve(1);
    await wait;
    expect(done).toHaveBeenCalledOnce();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('gives up waiting after the time limit, without rejecting', async () => {
    vi.useFakeTimers();
    const done = vi.fn();
    const never = new Preload(new Promise<number>(() => undefined));
    void settledWithin([never], 150).then(done);
    await vi.advanceTimersByTimeAsync(149);
    expect(done).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toHaveBeenCalledOnce();
    expect(never.state).toEqual({ status: 'loading' });
  });
});
