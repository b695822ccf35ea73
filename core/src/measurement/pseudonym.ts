/**
 * What the service feeds into its HMACs. Core defines only the input strings; the keyed hash itself (with the
 * tenant secret, which never sits beside the data) is computed by the service.
 *
 * Each input starts with a purpose label and version, so a key made for one purpose can never equal a key made for
 * another, and the first field is length-prefixed so "ab" + "c" and "a" + "bc" cannot collide (plain
 * concatenation of pulseId + userId would allow that).
 */

/**
 * Input of a team-scoped respondent key = HMAC(tenant secret, ·): one answer per person, team and pulse (or week's
 * meeting-load share). The team is part of it, so one person's answers in two teams carry unrelated keys and whoever
 * holds the database cannot link them; and the scope makes them unlinkable across weeks.
 */
export function teamRespondentKeyInput(teamId: string, scope: string, userId: string): string {
  return `humandebt/respondent/v2:${teamId.length}:${teamId}:${scope.length}:${scope}:${userId}`;
}

/**
 * Input of respondentKey = HMAC(tenant secret, ·) for scopes that already belong to one team (a retro's id), and the
 * key pulse answers and meeting-load shares were stored under before the team was part of theirs.
 */
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

/**
 * Input of an opaque document id = HMAC(tenant secret, ·): deterministic for the same business key (a redelivered
 * activity, a double-clicked submit finds the document it made), yet not computable by anyone who knows the key's
 * parts (an activity id, a title and owner) but not the secret.
 */
export function opaqueIdInput(purpose: string, parts: readonly string[]): string {
  return `humandebt/id/v1:${purpose}:${parts.map((p) => `${p.length}:${p}`).join(':')}`;
}
