/**
 * Vitest setupFiles (vitest.config.ts): runs before every test file, and acts only in the jsdom ones (the component
 * tests of the tab and the add-in), which have a document.
 *
 * testing-library's findBy* and waitFor give up after 1000 ms by default. They return as soon as what they wait for
 * is there, so the bound only matters when it is not: 1 s fails a render that is merely slow on CI's busy 2-core
 * machine. 15 s still fails a render that never comes, with the same message.
 */
export const ASYNC_UTIL_TIMEOUT_MS = 15_000;

if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: ASYNC_UTIL_TIMEOUT_MS });
}
