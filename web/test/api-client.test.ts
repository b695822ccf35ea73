import { MeResponse, TeamsListResponse } from '@humandebt/core';
import { describe, expect, it } from 'vitest';
import { ApiError, CLIENT_MESSAGES, createApiClient } from '../src/index';
import { errorBody, FakeFetch, localMe, platformTeam } from '../test-support/index';

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  it('sends the host token as a bearer token and returns the validated body', async () => {
    const net = new FakeFetch().on('/api/v1/teams', { body: { teams: [platformTeam] } });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => 'sso-token' });
    await expect(api.getJson('/api/v1/teams', TeamsListResponse)).resolves.toEqual({ teams: [platformTeam] });
    expect(net.calls[0]?.headers.Authorization).toBe('Bearer sso-token');
  });

  it('GETs with method GET and no body; POSTs the body as JSON with the token and validates the answer', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: localMe }).on('/api/v1/echo', { body: localMe });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => 'sso-token' });
    await api.getJson('/api/v1/me', MeResponse);
    await expect(api.postJson('/api/v1/echo', { week: '2026-W48' }, MeResponse)).resolves.toEqual(localMe);
    expect(net.callsTo('/api/v1/me')[0]).toMatchObject({ method: 'GET', body: undefined });
    expect(net.callsTo('/api/v1/echo')[0]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ week: '2026-W48' }),
      headers: { Authorization: 'Bearer sso-token', 'Content-Type': 'application/json', Accept: 'application/json' },
    });
  });

  it('sends no Authorization header without a token (local mode)', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: localMe });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    await api.getJson('/api/v1/me', MeResponse);
    expect(net.calls[0]?.headers).not.toHaveProperty('Authorization');
  });

  it('maps an error body to an ApiError with the catalogue message, status and correlation id', async () => {
    const net = new FakeFetch().on('/api/v1/teams', {
      status: 503,
      body: errorBody('store_unavailable', 'The service is temporarily unavailable. Please try again.', 'corr-42'),
    });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    const error = await failure(api.getJson('/api/v1/teams', TeamsListResponse));
    expect(error).toMatchObject({
      status: 503,
      code: 'store_unavailable',
      userMessage: 'The service is temporarily unavailable. Please try again.',
      correlationId: 'corr-42',
    });
  });

  it('uses the catalogue entry for the status when a proxy answers without a catalogue body', async () => {
    const net = new FakeFetch().on('/api/v1/teams', { status: 403, raw: '<html>Forbidden</html>' });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    const error = await failure(api.getJson('/api/v1/teams', TeamsListResponse));
    expect(error).toMatchObject({ status: 403, code: 'forbidden', userMessage: 'You do not have access to this.' });
  });

  it('rejects a 200 answer that does not match the contract', async () => {
    const net = new FakeFetch().on('/api/v1/teams', { body: { teams: [{ name: 'no id' }] } });
    const api = createApiClient({ fetch: net.fetch, getToken: async () => undefined });
    const error = await failure(api.getJson('/api/v1/teams', TeamsListResponse));
    expect(error).toMatchObject({ code: 'invalid_response', userMessage: CLIENT_MESSAGES.invalid_response });
  });

  it('turns a network failure into a fixed message, not the exception text', async () => {
    const api = createApiClient({
      fetch: () => Promise.reject(new TypeError('Failed to fetch: ECONNREFUSED 127.0.0.1:3978')),
      getToken: async () => undefined,
    });
    const error = await failure(api.getJson('/api/v1/me', MeResponse));
    expect(error).toMatchObject({ status: 0, code: 'network', userMessage: CLIENT_MESSAGES.network });
    expect(error.userMessage).not.toContain('ECONNREFUSED');
  });

  it('reports a failed SSO token as "sign-in is required" without calling the service', async () => {
    const net = new FakeFetch().on('/api/v1/me', { body: localMe });
    const api = createApiClient({
      fetch: net.fetch,
      getToken: () => Promise.reject(new Error('resourceRequiresConsent')),
    });
    const error = await failure(api.getJson('/api/v1/me', MeResponse));
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated', userMessage: 'Sign-in is required.' });
    expect(net.calls).toHaveLength(0);
  });
});
