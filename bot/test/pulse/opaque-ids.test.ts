import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Pseudonyms } from '../../src/pulse/pseudonyms';

const pseudonyms = new Pseudonyms('test-secret-for-opaque-ids-0123456789abcdef');

describe('opaque document ids', () => {
  it('are the same for the same business key (a redelivered activity finds its card) and 132 bits long', () => {
    const id = pseudonyms.opaqueId('t1', 'retro-card', 'retro-1', 'activity-1');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(pseudonyms.opaqueId('t1', 'retro-card', 'retro-1', 'activity-1')).toBe(id);
  });

  it('differ by tenant, purpose, every part and where the parts are cut', () => {
    const id = pseudonyms.opaqueId('t1', 'retro-card', 'retro-1', 'activity-1');
    const others = [
      pseudonyms.opaqueId('t2', 'retro-card', 'retro-1', 'activity-1'),
      pseudonyms.opaqueId('t1', 'action', 'retro-1', 'activity-1'),
      pseudonyms.opaqueId('t1', 'retro-card', 'retro-2', 'activity-1'),
      pseudonyms.opaqueId('t1', 'retro-card', 'retro-1', 'activity-2'),
      pseudonyms.opaqueId('t1', 'retro-card', 'retro-1a', 'ctivity-1'),
      pseudonyms.opaqueId('t1', 'retro-card', 'retro-1:activity-1'),
      new Pseudonyms('another-secret-for-opaque-ids-0123456789ab').opaqueId(
        't1',
        'retro-card',
        'retro-1',
        'activity-1',
      ),
    ];
    expect(new Set([id, ...others]).size).toBe(others.length + 1);
  });

  it('cannot be computed from the key parts alone (the unkeyed hash the ids once were)', () => {
    const unkeyed = createHash('sha256').update('retro-1|activity-1').digest('base64url');
    expect(unkeyed.startsWith(pseudonyms.opaqueId('t1', 'retro-card', 'retro-1', 'activity-1').slice(0, 16))).toBe(
      false,
    );
  });
});
