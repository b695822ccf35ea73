/** The local landing page: one place that links every surface and says how to chat with the bot. */
export function landingPage(options: {
  mode: 'local' | 'production';
  port: number;
  tabReady: boolean;
  addinReady: boolean;
}): string {
  const missing = (ready: boolean, name: string) =>
    ready ? '' : ` <strong class="warn">(not built yet: run <code>npm start</code>, which builds the ${name})</strong>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Human Debt — local suite</title>
<style>
  :root { color-scheme: light dark; font-family: "Segoe UI", system-ui, sans-serif; line-height: 1.5; }
  body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
  code, pre { font-family: Consolas, ui-monospace, monospace; background: rgba(127,127,127,.15); padding: .1rem .3rem; border-radius: 4px; }
  pre { padding: .75rem; overflow-x: auto; }
  .banner { border: 2px solid #c19c00; padding: .5rem .75rem; border-radius: 6px; }
  .warn { color: #b10e1c; }
  @media (prefers-color-scheme: dark) { .warn { color: #ff99a4; } }
  a:focus-visible { outline: 3px solid; outline-offset: 2px; }
</style>
</head>
<body>
<header>
  <h1>Human Debt — local suite</h1>
  ${options.mode === 'local' ? '<p class="banner" role="note"><strong>Local demo.</strong> You are the development identity on this machine; the data is seeded demo data. Nothing here is reachable from other machines.</p>' : ''}
</header>
<main>
  <h2>Open a surface</h2>
  <ul>
    <li><a href="/tab/">Teams tab — the team dashboard</a>${missing(options.tabReady, 'tab')}</li>
    <li><a href="/addin/taskpane.html">Outlook add-in — your meeting load (task pane)</a>${missing(options.addinReady, 'add-in')}</li>
    <li><a href="/api/v1/health">API health</a></li>
  </ul>
  <h2>Chat with the bot</h2>
  <p>The bot listens on <code>http://127.0.0.1:${options.port}/api/messages</code>. Open the Microsoft 365 Agents Playground (a local, Teams-like chat client) in a second terminal:</p>
  <pre>npm run playground</pre>
  <p>It opens on <a href="http://localhost:56150">http://localhost:56150</a>. In a group chat, mention the bot as you would in Teams (for example <code>@bot help</code>).</p>
</main>
</body>
</html>`;
}
