import { createHmac } from 'node:crypto';
import { respondentKeyInput, rotationKeyInput } from '@humandebt/core';

/**
 * Pseudonyms for anonymous answers. Each tenant gets its own key, derived from the service secret (Key Vault in
 * production), so the same person in two tenants has unrelated pseudonyms and one tenant's key cannot be tried on
 * another's data. The secret never sits beside the data; without it a pseudonym cannot be turned back into a user.
 */
export class Pseudonyms {
  private readonly tenantKeys = new Map<string, Buffer>();
  constructor(private readonly secret: string) {
    if (secret.length < 32) throw new Error('pseudonym secret too short');
  }

  private tenantKey(tenantId: string): Buffer {
    let key = this.tenantKeys.get(tenantId);
    if (!key) {
      key = createHmac('sha256', this.secret).update(`humandebt/tenant-key/v1:${tenantId}`).digest();
      this.tenantKeys.set(tenantId, key);
    }
    return key;
  }

  private mac(tenantId: string, input: string): string {
    return createHmac('sha256', this.tenantKey(tenantId)).update(input).digest('base64url');
  }

  /** One answer per person per pulse; different for every pulse, so answers cannot be linked across weeks. */
  respondentKey(tenantId: string, pulseId: string, userId: string): string {
    return this.mac(tenantId, respondentKeyInput(pulseId, userId));
  }

  /** Stable per person and team: picks their rotating items without storing anything about them. */
  rotationSeed(tenantId: string, teamId: string, userId: string): string {
    return this.mac(tenantId, rotationKeyInput(teamId, userId));
  }
}
