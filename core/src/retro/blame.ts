/**
 * The blame detector of the five whys. A why-answer that names a person ("because Sam forgot") stops the chain at a
 * person, where it teaches nothing and hurts someone; the bot asks to restate it as a system or process cause. It
 * looks for what can be checked without guessing at intent: an @mention (Teams `<at>` tag or a typed "@name") and
 * the names of people on the roster (full name, or a first/last name of three letters or more, as a whole word).
 */

export interface BlameCheck {
  blames: boolean;
  /** What was recognised as a person (for the log and tests; never echoed with the member list to the chat). */
  matched: string[];
}

export const RESTATE_PROMPT =
  'That answer points at a person. Five whys look for causes in how we work: could you restate it as a system or process cause (for example "reviews were skipped when the release was late")?';

const MENTION_TAG = /<at\b[^>]*>([\s\S]*?)<\/at>/gi;
const TYPED_MENTION = /(^|[\s(])@([\p{L}\p{N}._-]{2,})/gu;

function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function hasWord(haystack: string, word: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(word)}($|[^\\p{L}\\p{N}])`, 'u').test(haystack);
}

export function detectBlame(text: string, memberNames: readonly string[]): BlameCheck {
  const matched: string[] = [];
  for (const m of text.matchAll(MENTION_TAG)) matched.push(`@${(m[1] ?? '').trim()}`);
  for (const m of text.matchAll(TYPED_MENTION)) matched.push(`@${m[2] ?? ''}`);
  const folded = fold(text);
  for (const name of memberNames) {
    const full = fold(name).trim();
    if (!full) continue;
    if (full.length >= 3 && hasWord(folded, full)) {
      matched.push(name);
      continue;
    }
    for (const part of full.split(/[\s,]+/)) {
      if (part.length >= 3 && hasWord(folded, part)) {
        matched.push(name);
        break;
      }
    }
  }
  return { blames: matched.length > 0, matched: [...new Set(matched)] };
}
