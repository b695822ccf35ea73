import type { RetroDoc } from '../store/documents';

export type RetroTemplate = RetroDoc['template'];

export interface TemplateColumn {
  key: string;
  label: string;
  prompt: string;
}

export interface TemplateDefinition {
  key: RetroTemplate;
  label: string;
  columns: readonly TemplateColumn[];
  /** How many top items get a five-whys chain. "Last three disasters" digs into the three incidents the team names. */
  whysOnTop: number;
}

const col = (key: string, label: string, prompt: string): TemplateColumn => ({ key, label, prompt });

export const TEMPLATES: Readonly<Record<RetroTemplate, TemplateDefinition>> = Object.freeze({
  'start-stop-continue': {
    key: 'start-stop-continue',
    label: 'Start / Stop / Continue',
    columns: [
      col('start', 'Start', 'What should we start doing?'),
      col('stop', 'Stop', 'What should we stop doing?'),
      col('continue', 'Continue', 'What should we keep doing?'),
    ],
    whysOnTop: 1,
  },
  'mad-sad-glad': {
    key: 'mad-sad-glad',
    label: 'Mad / Sad / Glad',
    columns: [
      col('mad', 'Mad', 'What made you mad?'),
      col('sad', 'Sad', 'What made you sad?'),
      col('glad', 'Glad', 'What made you glad?'),
    ],
    whysOnTop: 1,
  },
  '4ls': {
    key: '4ls',
    label: '4Ls',
    columns: [
      col('liked', 'Liked', 'What did you like?'),
      col('learned', 'Learned', 'What did you learn?'),
      col('lacked', 'Lacked', 'What was missing?'),
      col('longed-for', 'Longed for', 'What do you wish for?'),
    ],
    whysOnTop: 1,
  },
  'last-three-disasters': {
    key: 'last-three-disasters',
    label: 'The last three disasters',
    columns: [col('disaster', 'Disaster', 'Name an incident that went badly (what happened, not who).')],
    whysOnTop: 3,
  },
});

export const TEMPLATE_KEYS = Object.freeze(Object.keys(TEMPLATES) as RetroTemplate[]);

export function isTemplate(value: unknown): value is RetroTemplate {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(TEMPLATES, value);
}
