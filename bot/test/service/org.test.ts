import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrgRollupResponse, type OrgNode } from '@humandebt/core';
import { startTestService } from '../support';

const NOW = new Date('2026-11-26T12:00:00Z');

describe('org roll-up API', () => {
  let manager: Awaited<ReturnType<typeof startTestService>>;
  beforeAll(async () => {
    manager = await startTestService({}, { now: () => NOW });
  });
  afterAll(async () => manager?.stop());

  it('is refused (403) to people without the org role, even team owners', async () => {
    const member = await startTestService(
      { DEV_USER_ID: 'demo-aiko-tanaka', DEV_USER_NAME: 'Aiko' },
      { now: () => NOW },
    );
    try {
      const res = await fetch(`${member.url}/api/v1/org/rollup`);
      expect(res.status).toBe(403);
    } finally {
      await member.stop();
    }
  });

  it('shows units only when neither they nor any gap inside them can isolate fewer than k people', async () => {
    const res = await fetch(`${manager.url}/api/v1/org/rollup`);
    expect(res.status).toBe(200);
    const body = OrgRollupResponse.parse(await res.json());
    expect(body.metrics.map((m) => m.key)).toEqual(['psychological-safety', 'workload-pace', 'meeting-hours']);
    const counts = new Map<string, number>(); // n of every team, as a subtraction attacker would know from team dashboards
    const k = body.k;
    let visible = 0;
    let hidden = 0;
    const walk = (node: OrgNode): void => {
      if (node.result.suppressed) {
        hidden++;
        expect(JSON.stringify(node.result)).not.toMatch(/"n"|"mean"|"value"/);
      } else {
        visible++;
        expect(node.result.n).toBeGreaterThanOrEqual(k);
        // Everything an observer can account for inside this node from other released totals:
        const known = node.children.reduce((s, c) => s + (c.result.suppressed ? 0 : c.result.n), 0);
        const gap = node.result.n - known;
        expect(gap === 0 || gap >= k, `${node.label}: gap ${gap}`).toBe(true);
        if (node.kind === 'team') counts.set(node.id, node.result.n);
      }
      node.children.forEach(walk);
    };
    for (const m of body.metrics) walk(m.tree);
    expect(visible).toBeGreaterThan(3);
    expect(hidden).toBeGreaterThan(3);
    // The small team is never shown, in any metric.
    for (const m of body.metrics) {
      const design = m.tree.children.flatMap((u) => u.children).find((t) => t.label === 'Design Studio');
      expect(design?.result.suppressed).toBe(true);
    }
  });

  it('takes no query parameters (filters are not offered, so none can cut a group below k)', async () => {
    expect((await fetch(`${manager.url}/api/v1/org/rollup?unit=Product`)).status).toBe(400);
  });
});

describe('org role and team dashboards', () => {
  it('lets an org viewer read the dashboards of teams in their units, but not share into them or read other units', async () => {
    const svc = await startTestService({ DEV_USER_ID: 'hr-partner', DEV_USER_NAME: 'HR partner' }, { now: () => NOW });
    try {
      await svc.store.grants.create({
        tenantId: 'demo-tenant',
        teamId: '~tenant',
        id: 'hr-partner',
        type: 'grant',
        roles: ['org-viewer'],
        orgUnits: ['Engineering'],
        grantedBy: 'admin',
        grantedAt: NOW.toISOString(),
      });
      expect((await fetch(`${svc.url}/api/v1/teams/team-platform/summary`)).status).toBe(200); // Engineering
      expect((await fetch(`${svc.url}/api/v1/teams/team-success/summary`)).status).toBe(403); // Customer
      const share = await fetch(`${svc.url}/api/v1/teams/team-platform/meeting-load`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ week: '2026-W47', metrics: {} }),
      });
      expect(share.status).toBe(403);
    } finally {
      await svc.stop();
    }
  });
});
