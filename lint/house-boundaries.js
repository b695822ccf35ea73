// The house's layering, in one table: which folder may import what. ESLint applies it to every import, export-from,
// dynamic import() and require() with a literal specifier; test/architecture.test.ts proves each row bites.

/**
 * @typedef {{ name: string, files: RegExp, forbidden: (spec: string) => boolean, home?: RegExp, why: string }} Boundary
 */

/** Product code folders the SDK seams apply to (tests may reach a SDK to drive it). */
const PRODUCT = /^(core|bot|web|tabs|addin)\/src\//;

/** @type {Array<{ sdk: RegExp, home: RegExp, label: string }>} */
export const SDK_SEAMS = [
  { sdk: /^botbuilder(-[\w-]+)?(\/|$)/, home: /^bot\/src\/teams\//, label: 'botbuilder only in bot/src/teams/' },
  {
    sdk: /^(@azure\/cosmos|better-sqlite3)(\/|$)/,
    home: /^bot\/src\/store\//,
    label: 'database drivers only in bot/src/store/',
  },
  {
    sdk: /^@microsoft\/(teams-js|teamsfx)(\/|$)/,
    home: /^tabs\/src\/teams\//,
    label: 'teams-js and teamsfx only in tabs/src/teams/',
  },
  {
    sdk: /^(@azure\/msal-[\w-]+|@microsoft\/office-js|office-js)(\/|$)/,
    home: /^addin\/src\/office\//,
    label: 'Office.js and MSAL only in addin/src/office/',
  },
];

const BOT = /^@humandebt\/bot(\/|$)|(^|\/)bot\//;
const HOST_SDK =
  /^(@microsoft\/(teams-js|teamsfx|office-js)|office-js|@azure\/msal-|botbuilder)|^@humandebt\/(tabs|addin)(\/|$)|(^|\/)(tabs|addin)\//;

/** @type {Boundary[]} */
export const BOUNDARIES = [
  {
    name: 'core-is-pure',
    files: /^core\/src\//,
    // core holds the domain: no SDK, no React, no Node I/O. zod (classic or mini) is its one dependency.
    forbidden: (spec) => !spec.startsWith('.') && spec !== 'zod' && spec !== 'zod/mini',
    why: 'core/ is pure: only relative imports and zod (no SDK, React or Node I/O)',
  },
  {
    name: 'browser-never-imports-bot',
    files: /^(web|tabs|addin)\//,
    forbidden: (spec) => BOT.test(spec),
    why: 'web/, tabs/ and addin/ never import bot/ (the service is reached over HTTP only)',
  },
  {
    name: 'web-has-no-host-sdk',
    files: /^web\/(src|test-support)\//,
    forbidden: (spec) => HOST_SDK.test(spec),
    why: 'web/ runs in the tab and in the task pane alike: no host SDK, no tabs/ or addin/',
  },
  ...SDK_SEAMS.map(({ sdk, home, label }) => ({
    name: `seam:${label}`,
    files: PRODUCT,
    /** @param {string} spec */
    forbidden: (spec) => sdk.test(spec),
    home,
    why: label,
  })),
];

/**
 * The boundaries a file at `path` (relative to the repository, forward slashes) breaks by importing `spec`.
 * @param {string} path
 * @param {string} spec
 * @returns {string[]}
 */
export function brokenBoundaries(path, spec) {
  return BOUNDARIES.filter((b) => b.files.test(path) && b.forbidden(spec) && !b.home?.test(path)).map((b) => b.why);
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: { description: "Keeps the house's layering: core pure, bot/ out of the browser, each SDK in its one folder" },
    schema: [],
    messages: { broken: "'{{spec}}' may not be imported here: {{why}}." },
  },
  create(context) {
    const root = context.cwd.replace(/\\/g, '/').replace(/\/$/, '');
    const path = context.filename.replace(/\\/g, '/').replace(`${root}/`, '');
    /** @param {import('estree').Node | null | undefined} source */
    const check = (source) => {
      if (!source || source.type !== 'Literal' || typeof source.value !== 'string') return;
      const broken = brokenBoundaries(path, source.value);
      if (broken.length > 0) {
        context.report({ node: source, messageId: 'broken', data: { spec: source.value, why: broken.join('; ') } });
      }
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') check(node.arguments[0]);
      },
    };
  },
};

export const houseBoundariesPlugin = { rules: { boundaries: rule } };
