import { createHmac } from 'node:crypto';
import { opaqueIdInput, respondentKeyInput, rotationKeyInput, teamRespondentKeyInput } from '@humandebt/core';

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

  /**
   * One answer per person, team and pulse (scope: the pulse week, or `meeting-load:<week>` for a share): unlinkable
   * across weeks and across the teams a person belongs to.
   */
  teamRespondentKey(tenantId: string, teamId: string, scope: string, userId: string): string {
    return this.mac(tenantId, teamRespondentKeyInput(teamId, scope, userId));
  }

  /**
   * A key within a scope that is already one team's (`retro:<retroId>` and the like). Pulse answers and shares were
   * stored under this key, without the team, before teamRespondentKey: see earlierRespondentKeys.
   */
  respondentKey(tenantId: string, scope: string, userId: string): string {
    return this.mac(tenantId, respondentKeyInput(scope, userId));
  }

  /**
   * The keys one person's answer in a still-open week may already be stored under, from before the team was part of
   * the key: a second answer must count as a duplicate. A pulse week takes answers until the Monday after it and a
   * share week until the Monday after next (decision 0007), so two weeks after the change no open week holds one and
   * this (with its callers' checks) can go.
   */
  earlierRespondentKeys(tenantId: string, scope: string, userId: string): string[] {
    return [this.respondentKey(tenantId, scope, userId)];
  }

  /** A 132-bit document id for a business key (see opaqueIdInput): the same key gives the same id. */
  opaqueId(tenantId: string, purpose: string, ...parts: string[]): string {
    return this.mac(tenantId, opaqueIdInput(purpose, parts)).slice(0, 22);
  }

  /** Stable per person and team: picks their rotating items without storing anything about them. */
  rotationSeed(tenantId: string, teamId: string, userId: string): string {
    return this.mac(tenantId, rotationKeyInput(teamId, userId));
  }
}
