/**
 * User text as it enters a retro and as it leaves in a card. Adaptive Card TextBlocks render Markdown, so text a
 * person typed could otherwise become a link, a heading, an image or a fake "<at>" mention in everyone's chat.
 */

export const MAX_CARD_TEXT = 280;
export const MAX_TITLE_TEXT = 120;

// Control characters (Unicode Cc) but tab and line feed, zero-width and bidi controls, the byte-order mark.
const CONTROL = /[^\P{Cc}\t\n]|[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/gu;

/** Control and bidi characters out, whitespace folded, trimmed. Returns undefined for empty or non-string input. */
export function cleanText(
  value: unknown,
  max: number = MAX_CARD_TEXT,
): { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' } {
  if (typeof value !== 'string') return { ok: false, reason: 'empty' };
  const text = value.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (!text) return { ok: false, reason: 'empty' };
  if ([...text].length > max) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}

/**
 * Escapes every ASCII punctuation character CommonMark gives a meaning to (a backslash before ASCII punctuation is
 * always a literal in CommonMark), so user text renders as typed and cannot form links, emphasis, lists, code,
 * headings, HTML or `<at>` mention tags. Newlines are folded so a line cannot start a block.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(CONTROL, '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"':=/]/g, (c) => `\\${c}`);
}
