import { describe, expect, it } from 'vitest';
import { validateMeetingLoadSettings } from '../../core/src/meeting-load/settings';
import { INVALID_SETTINGS, VALID_SETTINGS } from './support/settings-cases';

/** Core's settings validation, as the pane and the event handlers run it: verdicts and messages people read. */
describe('core settings validation (zod/mini, own messages)', () => {
  it('accepts the valid settings', () => {
    expect(validateMeetingLoadSettings(VALID_SETTINGS).ok).toBe(true);
  });

  it.each(INVALID_SETTINGS)('rejects %s', (_name, input, expected) => {
    const result = validateMeetingLoadSettings(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.join('\n')).toContain(expected);
  });
});
