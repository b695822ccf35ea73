/**
 * What the service feeds into its HMACs. Core defines only the input strings; the keyed hash itself (with the
 * tenant secret, which never sits beside the data) is computed by the service.
 *
 * Each input starts with a purpose label and version, so a key made for one purpose can never equal a key made for
 * another, and the first field is length-prefixed so "ab" + "c" and "a" + "bc" cannot collide (plain
 * concatenation of pulseId + userId would allow that).
 */

/** Input of respondentKey = HMAC(tenant secret, ·): one answer per person per pulse, unlinkable across pulses. */
export function respondentKeyInput(pulseId: string, userId: string): string {
  return `humandebt/respondent/v1:${pulseId.length}:${pulseId}:${userId}`;
}

/**
 * Input of the rotation seed = HMAC(tenant secret, ·): stable for one person in one team across weeks (so the item
 * rotation needs no stored state), yet not the user id and not linkable to their pulse responses.
 */
export function rotationKeyInput(teamId: string, userId: string): string {
  return `humandebt/rotation/v1:${teamId.length}:${teamId}:${userId}`;
}
