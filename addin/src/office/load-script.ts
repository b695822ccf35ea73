export type ScriptOutcome = 'loaded' | 'failed' | 'timeout';

/**
 * Adds a classic `<script src>` to the page and reports how it ended. Used for office.js: loading it from code rather
 * than a tag in taskpane.html means the pane never waits on Microsoft's CDN to render, a failed or hanging download
 * is observed (an inline `onerror=` attribute would need `unsafe-inline` in the CSP), and the same page works in a
 * plain browser with no internet, which is how the local demo runs.
 */
export function loadScript(doc: Document, src: string, timeoutMs: number): Promise<ScriptOutcome> {
  return new Promise((resolve) => {
    const script = doc.createElement('script');
    const settle = (outcome: ScriptOutcome): void => {
      clearTimeout(timer);
      script.removeEventListener('load', onLoad);
      script.removeEventListener('error', onError);
      resolve(outcome);
    };
    const onLoad = (): void => settle('loaded');
    const onError = (): void => settle('failed');
    script.addEventListener('load', onLoad);
    script.addEventListener('error', onError);
    const timer = setTimeout(() => settle('timeout'), timeoutMs);
    script.src = src;
    doc.head.appendChild(script);
  });
}
