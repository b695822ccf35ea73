import { describe, expect, it } from 'vitest';
import { activityTenant, turnIdentity } from '../../src/teams/turn-identity';

const base = {
  from: { id: '29:user', aadObjectId: 'user-1' },
  conversation: { id: 'conv-1', conversationType: 'personal', isGroup: false, name: '' },
};
const withTenants = (conversation: unknown, channel: unknown) => ({
  ...base,
  conversation: { ...base.conversation, ...(conversation === undefined ? {} : { tenantId: conversation }) },
  ...(channel === undefined ? {} : { channelData: { tenant: { id: channel } } }),
});

describe('the tenant of an activity', () => {
  it('is the one tenant Teams names, in either field or in both alike', () => {
    expect(activityTenant(withTenants('t-a', 't-a'))).toEqual({ tenantId: 't-a' });
    expect(activityTenant(withTenants('t-a', undefined))).toEqual({ tenantId: 't-a' });
    expect(activityTenant(withTenants(undefined, 't-a'))).toEqual({ tenantId: 't-a' });
  });

  it('is refused when the two fields disagree, or one is not a tenant id at all', () => {
    expect(activityTenant(withTenants('t-allowed', 't-other'))).toEqual({ refused: 'tenant_mismatch' });
    expect(activityTenant(withTenants('t-a', 'T-A'))).toEqual({ refused: 'tenant_mismatch' });
    expect(activityTenant(withTenants('t-a', ''))).toEqual({ refused: 'tenant_mismatch' });
    expect(activityTenant(withTenants('t-a', 42))).toEqual({ refused: 'tenant_mismatch' });
    expect(activityTenant(withTenants(['t-a'], undefined))).toEqual({ refused: 'tenant_mismatch' });
  });

  it('is missing when neither field names one', () => {
    expect(activityTenant(withTenants(undefined, undefined))).toEqual({ refused: 'tenant_missing' });
  });

  it('gives the turn no identity on a mismatch, even where a fallback tenant exists', () => {
    expect(turnIdentity(withTenants('t-allowed', 't-other') as never, 'local-tenant')).toBeUndefined();
    expect(turnIdentity(withTenants(undefined, undefined) as never, 'local-tenant')?.tenantId).toBe('local-tenant');
    expect(turnIdentity(withTenants('t-a', 't-a') as never, 'local-tenant')?.tenantId).toBe('t-a');
  });
});
