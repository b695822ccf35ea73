import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { describe, expect, it } from 'vitest';
import { BOT_COMMANDS } from '../../bot/src/teams/help.card';
import { parseRoute } from '../../tabs/src/routing/hash-route';
import { PLACEHOLDER, filesUnder, parseEnv, placeholdersOf, read, readPng, readZip, root } from './support';

/**
 * The app package (appPackage/manifest.json) checked offline: against the official JSON schema of its version (the
 * schemas ship in @microsoft/app-manifest), and against the code — every bot command, every URL it points at, every
 * event-handler name must exist in the service, the tab or the add-in.
 */

const TEST_ENV: Record<string, string> = {
  TEAMS_APP_ID: '2b3c4d5e-6f70-4819-8a2b-3c4d5e6f7081',
  AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '99999999-8888-4777-8666-555555555555',
  TAB_DOMAIN: 'app-humandebt-test.azurewebsites.net',
  APP_NAME_SUFFIX: '-test',
  DEVELOPER_NAME: 'Contoso',
  DEVELOPER_WEBSITE_URL: 'https://www.contoso.com/',
  DEVELOPER_PRIVACY_URL: 'https://www.contoso.com/privacy',
  DEVELOPER_TERMS_URL: 'https://www.contoso.com/terms',
};

const template = read('appPackage/manifest.json');
const fill = (text: string, env: Record<string, string>): string =>
  text.replace(PLACEHOLDER, (_m, name: string) => {
    const v = env[name];
    if (v === undefined) throw new Error(`no test value for ${name}`);
    return v;
  });

interface Manifest {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  staticTabs: { entityId: string; contentUrl?: string; websiteUrl?: string }[];
  configurableTabs: { configurationUrl: string }[];
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  extensions: {
    runtimes: { id: string; code: { page: string; script?: string }; actions: { id: string; type: string }[] }[];
    ribbons: {
      contexts: string[];
      tabs: {
        groups: {
          icons: { size: number; url: string }[];
          controls: { icons: { size: number; url: string }[]; actionId: string }[];
        }[];
      }[];
    }[];
    autoRunEvents: { events: { type: string; actionId: string; options?: { sendMode: string } }[] }[];
  }[];
}

const manifest = JSON.parse(fill(template, TEST_ENV)) as Manifest;

/** Every string value in the manifest that is an https URL. */
function urls(value: unknown): string[] {
  if (typeof value === 'string') return /^https:\/\//.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(urls);
  if (value && typeof value === 'object')
    return Object.entries(value)
      .filter(([k]) => k !== '$schema')
      .flatMap(([, v]) => urls(v));
  return [];
}

/** The handler names the add-in registers with Office.actions.associate, resolved through a names constant if used. */
function associatedHandlerNames(): string[] {
  const names = new Set<string>();
  for (const file of filesUnder(join(root, 'addin/src'), /\.(ts|tsx|js|mjs)$/)) {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/actions\.associate\(\s*['"`]([^'"`]+)['"`]/g)) names.add(m[1]!);
    for (const m of src.matchAll(/actions\.associate\(\s*([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)/g)) {
      const block = new RegExp(`const\\s+${m[1]}\\s*=\\s*\\{([^}]*)\\}`).exec(src);
      const entry = block && new RegExp(`\\b${m[2]}\\s*:\\s*['"\`]([^'"\`]+)['"\`]`).exec(block[1]!);
      if (!entry) throw new Error(`${file}: cannot resolve ${m[1]}.${m[2]} passed to Office.actions.associate`);
      names.add(entry[1]!);
    }
  }
  return [...names].sort();
}

describe('app package manifest', () => {
  it('uses only placeholders every environment template declares', () => {
    const used = placeholdersOf(template);
    expect([...used].sort()).toEqual(Object.keys(TEST_ENV).sort());
    for (const env of ['dev', 'prod', 'local']) {
      const declared = parseEnv(read(`env/.env.${env}`));
      const missing = [...used].filter((p) => !(p in declared));
      expect(missing, `env/.env.${env} lacks ${missing.join(', ')}`).toEqual([]);
    }
  });

  it('validates against the official schema of its version, offline', async () => {
    const m = /\/json-schemas\/teams\/(v[\d.]+)\/MicrosoftTeams\.schema\.json$/.exec(manifest.$schema);
    expect(m, 'the $schema must be an official Teams/M365 schema URL').not.toBeNull();
    expect(m![1]).toBe(`v${manifest.manifestVersion}`);
    const schemaFile = join(
      root,
      'node_modules/@microsoft/app-manifest/build/json-schemas/teams',
      m![1]!,
      'MicrosoftTeams.schema.json',
    );
    expect(existsSync(schemaFile), `${schemaFile} ships with @microsoft/app-manifest`).toBe(true);
    // The same clean-up the toolkit applies to these files (they contain regex escapes JSON does not allow).
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
    const errors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema);
    expect(errors).toEqual([]);
  });

  it('fails schema validation when something is wrong (the check is real)', async () => {
    const schemaFile = join(
      root,
      'node_modules/@microsoft/app-manifest/build/json-schemas/teams',
      `v${manifest.manifestVersion}`,
      'MicrosoftTeams.schema.json',
    );
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b'));
    const broken = JSON.parse(JSON.stringify(manifest)) as Manifest & {
      extensions: { autoRunEvents: { events: { options?: { sendMode: string } }[] }[] }[];
    };
    broken.extensions[0]!.autoRunEvents[0]!.events[0]!.options = { sendMode: 'SoftBlock' };
    expect((await AppManifestUtils.validateAgainstSchema(broken as never, schema)).length).toBeGreaterThan(0);
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', () => {
    const color = readPng(readFileSync(join(root, 'appPackage', manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(readFileSync(join(root, 'appPackage', manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.rgba, 'outline must be 8-bit RGBA').toBeDefined();
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.rgba!.length; i += 4) {
      const [r, g, b, a] = [outline.rgba![i]!, outline.rgba![i + 1]!, outline.rgba![i + 2]!, outline.rgba![i + 3]!];
      if (a === 0) transparent++;
      else {
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(opaque).toBeGreaterThan(0);
  });

  it('declares the bot with personal, group chat and team scopes and exactly the commands of BOT_COMMANDS', () => {
    const bot = manifest.bots[0]!;
    expect(bot.botId).toBe(TEST_ENV.BOT_ID);
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    const inCode = new Map<string, string>(BOT_COMMANDS.map((c) => [c.command, c.description]));
    const inManifest = new Set<string>();
    for (const list of bot.commandLists) {
      for (const c of list.commands) {
        expect(inCode.has(c.title), `manifest command "${c.title}" is not in BOT_COMMANDS`).toBe(true);
        expect(c.description).toBe(inCode.get(c.title));
        inManifest.add(c.title);
      }
    }
    expect([...inManifest].sort()).toEqual([...inCode.keys()].sort());
    // Every command works in team chats, where the retro and pulse live.
    const teamList = bot.commandLists.find((l) => l.scopes.includes('team'));
    expect(teamList?.commands.map((c) => c.title).sort()).toEqual([...inCode.keys()].sort());
  });

  it('has a personal "My teams" tab on /tab/ and a configurable tab whose configuration page the tab routes', () => {
    const personal = manifest.staticTabs.find((t) => t.contentUrl);
    expect(personal).toMatchObject({ contentUrl: `https://${TEST_ENV.TAB_DOMAIN}/tab/` });
    const config = new URL(manifest.configurableTabs[0]!.configurationUrl);
    expect(config.pathname).toBe('/tab/');
    expect(parseRoute(config.hash)).toEqual({ page: 'config' });
  });

  it('points every URL on the service at something the service serves', () => {
    const app = read('bot/src/app.ts');
    expect(app).toMatch(/app\.use\(\s*'\/tab'/);
    expect(app).toMatch(/app\.use\(\s*'\/addin'/);
    expect(app).toMatch(/app\.post\(\s*'\/api\/messages'/);
    const addinVite = read('addin/vite.config.ts');
    const servedFile = (prefix: 'tab' | 'addin', file: string): boolean => {
      const ws = prefix === 'tab' ? 'tabs' : 'addin';
      const name = file === '' ? 'index.html' : file;
      if ([join(ws, name), join(ws, 'public', name), join(ws, 'dist', name)].some((p) => existsSync(join(root, p))))
        return true;
      // Scripts the add-in build writes itself (vite.config.ts: `fileName: () => 'commands.js'`).
      return prefix === 'addin' && name.endsWith('.js') && addinVite.includes(`'${name}'`);
    };
    const onService = urls(manifest).filter((u) => new URL(u).hostname === TEST_ENV.TAB_DOMAIN);
    expect(onService.length).toBeGreaterThan(5);
    const missing: string[] = [];
    for (const u of onService) {
      const m = /^\/(tab|addin)\/(.*)$/.exec(new URL(u).pathname);
      if (!m || !servedFile(m[1] as 'tab' | 'addin', m[2]!)) missing.push(u);
    }
    expect(missing, 'URLs on the service that nothing in tabs/ or addin/ serves').toEqual([]);
  });

  it('points the ribbon at icons the add-in serves (addin/public/icon-{16,32,80}.png), each of the size it claims', () => {
    const ribbonIcons = manifest.extensions[0]!.ribbons.flatMap((r) =>
      r.tabs.flatMap((t) => t.groups.flatMap((g) => [...g.icons, ...g.controls.flatMap((c) => c.icons)])),
    );
    expect(ribbonIcons.length, 'the ribbon names no icons').toBeGreaterThan(0);
    expect(new Set(ribbonIcons.map((i) => i.size)).size).toBeGreaterThanOrEqual(3);
    for (const icon of ribbonIcons) {
      // The add-in's static files (addin/public/) are served under /addin/.
      const name = /^https:\/\/[^/]+\/addin\/([^/]+\.png)$/.exec(icon.url)?.[1];
      expect(name, `${icon.url} is not a PNG under /addin/`).toBeDefined();
      const file = join(root, 'addin/public', name!);
      expect(existsSync(file), `${icon.url}: addin/public/${name} does not exist`).toBe(true);
      const png = readPng(readFileSync(file));
      expect([png.width, png.height], icon.url).toEqual([icon.size, icon.size]);
    }
  });

  it("keeps every https host in validDomains and SSO on the service's own Application ID URI", () => {
    const hosts = new Set(
      urls(manifest)
        .filter((u) => !u.startsWith('https://www.contoso.com'))
        .map((u) => new URL(u).hostname),
    );
    for (const h of hosts) expect(manifest.validDomains).toContain(h);
    expect(manifest.webApplicationInfo).toEqual({
      id: TEST_ENV.AAD_APP_CLIENT_ID,
      resource: `api://${TEST_ENV.TAB_DOMAIN}/${TEST_ENV.AAD_APP_CLIENT_ID}`,
    });
    const aad = JSON.parse(read('aad.manifest.json')) as {
      identifierUris: string[];
      oauth2Permissions: { value: string }[];
    };
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    // The service checks for this scope (bot/src/auth/identity.ts).
    expect(aad.oauth2Permissions.map((p) => p.value)).toContain('access_as_user');
    expect(read('bot/src/auth/identity.ts')).toContain('access_as_user');
  });

  it('asks only for the add-in permission its event handlers need', () => {
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: 'MailboxItem.ReadWrite.User', type: 'Delegated' },
    ]);
  });

  it('puts the task pane on appointment organizer and attendee surfaces and runs the three meeting events', () => {
    const ext = manifest.extensions[0]!;
    expect([...ext.ribbons[0]!.contexts].sort()).toEqual(['meetingDetailsAttendee', 'meetingDetailsOrganizer']);
    const actions = new Map(ext.runtimes.flatMap((r) => r.actions.map((a) => [a.id, { ...a, runtime: r }] as const)));
    const button = ext.ribbons[0]!.tabs[0]!.groups[0]!.controls[0]!;
    expect(actions.get(button.actionId)?.type).toBe('openPage');
    expect(actions.get(button.actionId)?.runtime.code.page).toBe(`https://${TEST_ENV.TAB_DOMAIN}/addin/taskpane.html`);
    const events = ext.autoRunEvents.flatMap((a) => a.events);
    expect(events.map((e) => e.type).sort()).toEqual([
      'appointmentAttendeesChanged',
      'appointmentSending',
      'appointmentTimeChanged',
    ]);
    expect(events.find((e) => e.type === 'appointmentSending')?.options).toEqual({ sendMode: 'softBlock' });
    for (const e of events) {
      expect(actions.get(e.actionId)?.type, e.actionId).toBe('executeFunction');
      // Classic Outlook on Windows loads the handlers from a JS file in its JavaScript-only runtime.
      expect(actions.get(e.actionId)?.runtime.code.script).toBe(`https://${TEST_ENV.TAB_DOMAIN}/addin/commands.js`);
    }
  });

  it('names exactly the event handlers the add-in registers with Office.actions.associate', () => {
    const handlerNames = associatedHandlerNames();
    expect(handlerNames, 'no Office.actions.associate(<name>, …) call found in addin/src').not.toEqual([]);
    const manifestHandlers = manifest.extensions[0]!.runtimes.flatMap((r) =>
      r.actions.filter((a) => a.type === 'executeFunction').map((a) => a.id),
    ).sort();
    expect(manifestHandlers).toEqual(handlerNames);
  });
});

describe('scripts/package-app.mjs', () => {
  const script = join(root, 'scripts/package-app.mjs');
  const withEnv = (files: Record<string, string>) => {
    const dir = mkdtempSync(join(tmpdir(), 'hd-pkg-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  };
  const envText = (env: Record<string, string>) =>
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n');
  const run = (envDir: string, out: string, name = 'ci') =>
    spawnSync(process.execPath, [script, '--env', name, '--env-dir', envDir, '--out', out], { encoding: 'utf8' });

  it('fills the placeholders (secrets from .user win) and writes a zip that reads back byte for byte', () => {
    const { TAB_DOMAIN, ...rest } = TEST_ENV;
    const envDir = withEnv({
      '.env.ci': envText({ ...rest, TAB_DOMAIN: 'wrong.example.com' }) + '\n# comment\n',
      '.env.ci.user': `TAB_DOMAIN="${TAB_DOMAIN}"\n`,
    });
    const out = mkdtempSync(join(tmpdir(), 'hd-pkg-out-'));
    const r = run(envDir, out);
    expect(r.status, r.stderr).toBe(0);
    const zip = readFileSync(join(out, 'appPackage.ci.zip'));
    const entries = readZip(zip);
    expect([...entries.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(entries.get('manifest.json')!.toString('utf8'))).toEqual(manifest);
    expect(entries.get('color.png')!.equals(readFileSync(join(root, 'appPackage/color.png')))).toBe(true);
    expect(entries.get('outline.png')!.equals(readFileSync(join(root, 'appPackage/outline.png')))).toBe(true);
    expect(readFileSync(join(out, 'manifest.ci.json'), 'utf8')).not.toMatch(/\$\{\{/);
    // Deterministic: a second build gives the same bytes.
    const again = mkdtempSync(join(tmpdir(), 'hd-pkg-out-'));
    expect(run(envDir, again).status).toBe(0);
    expect(readFileSync(join(again, 'appPackage.ci.zip')).equals(zip)).toBe(true);
    // And a system unzip agrees, where one is installed.
    const unzip = spawnSync('unzip', ['-t', join(out, 'appPackage.ci.zip')], { encoding: 'utf8' });
    if (!unzip.error) expect(unzip.stdout).toContain('No errors detected');
  });

  it('refuses to package while a placeholder is unfilled, and names it', () => {
    const { BOT_ID: _omit, ...rest } = TEST_ENV;
    const envDir = withEnv({ '.env.ci': envText(rest) });
    const out = mkdtempSync(join(tmpdir(), 'hd-pkg-out-'));
    const r = run(envDir, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('BOT_ID');
    expect(existsSync(join(out, 'appPackage.ci.zip'))).toBe(false);
  });

  it('refuses an unknown environment', () => {
    const r = run(withEnv({}), mkdtempSync(join(tmpdir(), 'hd-pkg-out-')), 'nope');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('.env.nope');
  });
});
