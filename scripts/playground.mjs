// Opens the Microsoft 365 Agents Playground (a local, Teams-like chat client) against the local bot.
// Usage: npm run playground   (start the suite with `npm start` in another terminal first)
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3978';
const endpoint = `http://127.0.0.1:${port}/api/messages`;
console.log(
  `Agents Playground → ${endpoint}\nOpen http://localhost:56150 in your browser. In a group chat, @mention the bot (as in Teams).`,
);
const child = spawn('agentsplayground', ['-e', endpoint, '-c', 'msteams', '--disable-telemetry'], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
  // The Playground would open a browser by itself; we print the address instead (works headless and over SSH).
  env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
});
child.on('exit', (code) => process.exit(code ?? 0));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
