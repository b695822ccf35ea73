import { describe, expect, it } from 'vitest';
import { validateMeetingLoadSettings } from '../../core/src/meeting-load/settings';
import { INVALID_SETTINGS, VALID_SETTINGS } from './support/settings-cases';

/** The same cases as zod-lite.test.ts, through real zod: the stand-in must give the same verdicts and messages. */
describe('core settings validation with real zod (the reference for zod-lite)', () => {
  it('accepts the valid settings', () => {
    expect(validateMeetingLoadSettings(VALID_SETTINGS).ok).toBe(true);
  });

  it.each(INVALID_SETTINGS)('rejects %s', (_name, input, expected) => {
    const result = validateMeetingLoadSettings(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });
});
