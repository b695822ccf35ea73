import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTAINERS } from '../../bot/src/store/cosmos.store';
import { read, root } from './support';

/**
 * A structural check of infra/*.bicep without the Bicep compiler (it cannot be installed here: it downloads a
 * binary). It reads the templates as text: resource types and API versions, modules and their parameters, the
 * Cosmos DB layout against the store's CONTAINERS, the app settings against bot/src/config.ts, and outputs and
 * parameter files for anything secret.
 */

interface Bicep {
  path: string;
  text: string;
  params: Map<string, { type: string; hasDefault: boolean; secure: boolean }>;
  resources: { symbol: string; type: string; apiVersion: string | undefined; existing: boolean }[];
  outputs: { name: string; value: string }[];
  modules: { symbol: string; path: string; params: string[] }[];
}

/** The text between the brace at `open` and its partner (strings and comments are simple enough here). */
function block(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{' || text[i] === '[') depth++;
    if (text[i] === '}' || text[i] === ']') depth--;
    if (depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

/** Top-level keys of an object literal body (Bicep: one `key: value` per line). */
function topKeys(body: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const line of body.split('\n')) {
    const m = depth === 0 ? /^\s*([A-Za-z_][\w]*)\s*:/.exec(line) : null;
    if (m) keys.push(m[1]!);
    for (const ch of line.replace(/'[^']*'/g, '')) {
      if (ch === '{' || ch === '[') depth++;
      if (ch === '}' || ch === ']') depth--;
    }
  }
  return keys;
}

function parse(path: string): Bicep {
  const text = read(path).replace(/^\s*\/\/.*$/gm, '');
  const params = new Map<string, { type: string; hasDefault: boolean; secure: boolean }>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^param\s+(\w+)\s+(\w+)(\s*=)?/.exec(line);
    if (!m) return;
    let secure = false;
    for (let j = i - 1; j >= 0 && /^\s*@/.test(lines[j]!); j--) if (/^\s*@secure\(\)/.test(lines[j]!)) secure = true;
    params.set(m[1]!, { type: m[2]!, hasDefault: Boolean(m[3]), secure });
  });
  const resources = [...text.matchAll(/^resource\s+(\w+)\s+'([^'@]+)(?:@([^']+))?'\s*(existing)?/gm)].map((m) => ({
    symbol: m[1]!,
    type: m[2]!,
    apiVersion: m[3],
    existing: Boolean(m[4]),
  }));
  const outputs = [...text.matchAll(/^output\s+(\w+)\s+\w+\s*=\s*(.+)$/gm)].map((m) => ({ name: m[1]!, value: m[2]! }));
  const modules = [...text.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=\s*\{/gm)].map((m) => {
    const body = block(text, m.index! + m[0].length - 1);
    const p = /\bparams:\s*\{/.exec(body);
    return { symbol: m[1]!, path: m[2]!, params: p ? topKeys(block(body, p.index + p[0].length - 1)) : [] };
  });
  return { path, text, params, resources, outputs, modules };
}

const moduleFiles = readdirSync(join(root, 'infra/modules'))
  .filter((f) => f.endsWith('.bicep'))
  .map((f) => `infra/modules/${f}`);
const entryFiles = ['infra/azure.bicep', 'infra/local-bot.bicep'];
const all = [...entryFiles, ...moduleFiles].map(parse);
const byPath = new Map(all.map((b) => [b.path, b]));
const main = byPath.get('infra/azure.bicep')!;
/** azure.bicep and every module it uses. */
const deployed = [main, ...main.modules.map((m) => byPath.get(`infra/${m.path}`)!)];

describe('infra/*.bicep (structural)', () => {
  it('gives every resource an API version', () => {
    for (const b of all) {
      for (const r of b.resources)
        expect(r.apiVersion, `${b.path}: ${r.symbol} (${r.type})`).toMatch(/^\d{4}-\d{2}-\d{2}(-preview)?$/);
    }
  });

  it('declares the resources the suite needs', () => {
    const types = new Set(deployed.flatMap((b) => b.resources.filter((r) => !r.existing).map((r) => r.type)));
    for (const t of [
      'Microsoft.ManagedIdentity/userAssignedIdentities',
      'Microsoft.Web/serverfarms',
      'Microsoft.Web/sites',
      'Microsoft.Web/sites/config',
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.DocumentDB/databaseAccounts',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases',
      'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.Authorization/roleAssignments',
      'Microsoft.OperationalInsights/workspaces',
      'Microsoft.Insights/components',
      'Microsoft.Insights/autoscalesettings',
      'Microsoft.Insights/diagnosticSettings',
    ]) {
      expect(types, t).toContain(t);
    }
  });

  it('uses every parameter it declares', () => {
    for (const b of all) {
      for (const name of b.params.keys()) {
        const uses = b.text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
        expect(uses, `${b.path}: param ${name} is never used`).toBeGreaterThan(1);
      }
    }
  });

  it('calls modules that exist with exactly the parameters they declare', () => {
    for (const b of all) {
      for (const m of b.modules) {
        const target = byPath.get(join('infra', m.path));
        expect(target, `${b.path}: module ${m.path}`).toBeDefined();
        expect(existsSync(join(root, 'infra', m.path))).toBe(true);
        for (const p of m.params)
          expect(target!.params.has(p), `${b.path}: ${m.symbol} passes unknown ${p}`).toBe(true);
        for (const [p, d] of target!.params)
          if (!d.hasDefault) expect(m.params, `${b.path}: ${m.symbol} must pass ${p}`).toContain(p);
      }
    }
  });

  it('keeps secrets out of outputs', () => {
    for (const b of all) {
      const secureParams = [...b.params].filter(([, d]) => d.secure).map(([n]) => n);
      for (const o of b.outputs) {
        expect(o.name, `${b.path}: output ${o.name}`).not.toMatch(
          /secret|password|pwd|connectionstring|masterkey|accountkey|primarykey|instrumentationkey|token|(^|_)keys?$/i,
        );
        expect(o.value, `${b.path}: output ${o.name}`).not.toMatch(
          /listKeys\(|listConnectionStrings\(|listCredentials\(|ConnectionString|primaryMasterKey|InstrumentationKey|\.secrets?\b/i,
        );
        for (const s of secureParams)
          expect(o.value, `${b.path}: output ${o.name} uses @secure() ${s}`).not.toMatch(new RegExp(`\\b${s}\\b`));
      }
    }
  });

  it('takes secrets only as @secure() parameters and stores them only in Key Vault', () => {
    for (const name of ['pseudonymSecret', 'botAadAppClientSecret'])
      expect(main.params.get(name)?.secure, name).toBe(true);
    for (const b of moduleFiles.map((f) => byPath.get(f)!)) {
      for (const [name, d] of b.params)
        if (/secret|password/i.test(name)) expect(d.secure, `${b.path}: ${name}`).toBe(true);
    }
    const kv = byPath.get('infra/modules/keyvault.bicep')!;
    expect(kv.text).toMatch(/enableRbacAuthorization:\s*true/);
    expect(kv.text).toMatch(/4633458b-17de-408a-b874-0445c86b69e6/); // Key Vault Secrets User, nothing broader
  });

  describe('Cosmos DB', () => {
    const cosmos = byPath.get('infra/modules/cosmos.bicep')!;
    const list = /var containers = \[/.exec(cosmos.text)!;
    const declared = [
      ...block(cosmos.text, list.index + list[0].length - 1).matchAll(
        /\{\s*name:\s*'(\w+)',\s*ttl:\s*(true|false)\s*\}/g,
      ),
    ].map((m) => ({ name: m[1]!, ttl: m[2] === 'true' }));

    it('declares every container of the store (CONTAINERS) and no other', () => {
      expect(declared.map((c) => c.name).sort()).toEqual([...new Set(Object.values(CONTAINERS))].sort());
    });

    it('partitions every container hierarchically by /tenantId,/teamId (MultiHash v2) and turns TTL on for processed only', () => {
      const res =
        /resource\s+\w+\s+'Microsoft\.DocumentDB\/databaseAccounts\/sqlDatabases\/containers@[^']+'\s*=\s*\[for c in containers:\s*\{/.exec(
          cosmos.text,
        );
      expect(res, 'one container resource looping over `containers`').not.toBeNull();
      const body = block(cosmos.text, res!.index + res![0].length - 1);
      expect(body).toMatch(/paths:\s*\[\s*'\/tenantId',\s*'\/teamId'\s*\]/);
      expect(body).toMatch(/kind:\s*'MultiHash'/);
      expect(body).toMatch(/version:\s*2\b/);
      expect(body).toMatch(/c\.ttl \? \{ defaultTtl: -1 \} : \{\}/);
      expect(declared.filter((c) => c.ttl).map((c) => c.name)).toEqual(['processed']);
    });

    it('is serverless by default with autoscale as an option, with continuous backup', () => {
      expect(main.text).toMatch(/param cosmosCapacityMode string = 'Serverless'/);
      expect(cosmos.text).toMatch(/name: 'EnableServerless'/);
      expect(cosmos.text).toMatch(/autoscaleSettings:\s*\{\s*maxThroughput:/);
      expect(cosmos.text).toMatch(/backupPolicy:\s*\{\s*type:\s*'Continuous'/);
    });

    it('grants the managed identity the built-in data contributor role and turns key auth off by default', () => {
      expect(cosmos.text).toMatch(/sqlRoleDefinitions\/\$\{dataContributorRoleId\}/);
      expect(cosmos.text).toMatch(/dataContributorRoleId = '00000000-0000-0000-0000-000000000002'/);
      expect(cosmos.text).toMatch(/disableLocalAuth:\s*!keyInterim/);
      expect(main.text).toMatch(/param cosmosKeyInterim bool = false/);
    });
  });

  describe('App Service', () => {
    const app = byPath.get('infra/modules/appservice.bicep')!;
    const settingsOf = (varName: string): Map<string, string> => {
      const m = new RegExp(`var ${varName} = [^{]*\\{`).exec(app.text);
      expect(m, varName).not.toBeNull();
      const body = block(app.text, m!.index + m![0].length - 1);
      return new Map([...body.matchAll(/^\s*([A-Za-z][A-Za-z0-9_]*):\s*(.+)$/gm)].map((x) => [x[1]!, x[2]!.trim()]));
    };
    const service = settingsOf('serviceSettings');
    const bot = settingsOf('botPasswordSettings');
    const cosmosKey = settingsOf('cosmosKeySettings');
    const platform = settingsOf('platformSettings');
    const configVars = (() => {
      const src = read('bot/src/config.ts');
      const m = /const Env = z\.object\(\{/.exec(src)!;
      return new Set(topKeys(block(src, m.index + m[0].length - 1)));
    })();

    it('runs Node 24 LTS on Linux with a user-assigned identity, HTTPS only, health-checked', () => {
      expect(app.text).toMatch(/linuxFxVersion:\s*'NODE\|24-lts'/);
      expect(app.text).toMatch(/type:\s*'UserAssigned'/);
      expect(app.text).toMatch(/keyVaultReferenceIdentity:\s*identityId/);
      expect(app.text).toMatch(/httpsOnly:\s*true/);
      expect(app.text).toMatch(/appCommandLine:\s*'node bot\/dist\/main\.js'/);
      expect(app.text).toMatch(/healthCheckPath:\s*'\/api\/v1\/health'/);
      expect(app.text).toMatch(/capacity:\s*instanceCount/);
    });

    it('sets only variables bot/src/config.ts reads, and every one production requires', () => {
      expect(configVars.size).toBeGreaterThan(10);
      for (const name of [...service.keys(), ...bot.keys(), ...cosmosKey.keys()])
        expect(configVars, `app setting ${name}`).toContain(name);
      for (const name of [
        'HD_MODE',
        'HOST',
        'PORT',
        'STORE',
        'COSMOS_ENDPOINT',
        'COSMOS_DATABASE',
        'BOT_APP_ID',
        'BOT_APP_TYPE',
        'BOT_TENANT_ID',
        'ENTRA_CLIENT_ID',
        'ENTRA_APP_ID_URI',
        'ALLOWED_TENANTS',
        'PSEUDONYM_SECRET',
        'PRIVACY_K',
      ]) {
        expect(service.has(name), name).toBe(true);
      }
      expect(service.get('HD_MODE')).toBe("'production'");
      expect(service.get('STORE')).toBe("'cosmos'");
      expect(service.get('HOST')).toBe("'0.0.0.0'");
      // Platform settings are App Service's own, never something the service's config would misread.
      for (const name of platform.keys()) expect(configVars.has(name), name).toBe(false);
      expect(
        [...platform.keys()].every((n) =>
          /^(APPLICATIONINSIGHTS_|ApplicationInsightsAgent_|WEBSITES?_|SCM_|AZURE_CLIENT_ID$|CUSTOM_BUILD_COMMAND$)/.test(
            n,
          ),
        ),
      ).toBe(true);
    });

    it('sets secrets only as Key Vault references, and no COSMOS_KEY unless the interim option is on', () => {
      expect(app.text).toMatch(/var kvPrefix = '@Microsoft\.KeyVault\(VaultName=\$\{keyVaultName\};SecretName='/);
      expect(service.get('PSEUDONYM_SECRET')).toBe("'${kvPrefix}pseudonym-secret)'");
      expect(bot.get('BOT_APP_PASSWORD')).toBe("'${kvPrefix}bot-app-password)'");
      expect(cosmosKey.get('COSMOS_KEY')).toBe("'${kvPrefix}cosmos-key)'");
      expect(service.has('COSMOS_KEY')).toBe(false);
      expect(app.text).toMatch(/var cosmosKeySettings = cosmosKeyInterim \?/);
      expect(app.text).toMatch(/var botPasswordSettings = botAppType == 'SingleTenant' \?/);
    });
  });

  it('registers a single-tenant (or managed identity) Azure Bot with the Teams channel', () => {
    const bot = byPath.get('infra/modules/bot.bicep')!;
    expect(bot.text).toMatch(/@allowed\(\['SingleTenant', 'UserAssignedMSI'\]\)\s*\nparam appType string/);
    expect(bot.text).toMatch(/msaAppType:\s*appType/);
    expect(bot.text).toMatch(/msaAppTenantId:\s*tenantId/);
    expect(bot.text).toMatch(/channelName:\s*'MsTeamsChannel'/);
    expect(bot.text).not.toMatch(/MultiTenant/);
  });

  describe('parameter files', () => {
    const files = readdirSync(join(root, 'infra')).filter((f) => f.endsWith('.json') && f.includes('parameters'));
    it('exist for dev and prod', () => {
      expect(files).toEqual(
        expect.arrayContaining([
          'azure.parameters.dev.json',
          'azure.parameters.prod.json',
          'local-bot.parameters.json',
        ]),
      );
    });
    for (const f of files) {
      it(`${f} sets only declared parameters, all required ones, and secrets only from .user placeholders`, () => {
        const template = byPath.get(`infra/${f.replace(/\.parameters(\.\w+)?\.json$/, '.bicep')}`)!;
        expect(template, f).toBeDefined();
        const params = (JSON.parse(read(`infra/${f}`)) as { parameters: Record<string, { value: unknown }> })
          .parameters;
        for (const name of Object.keys(params))
          expect(template.params.has(name), `${f}: ${name} is not a parameter of ${template.path}`).toBe(true);
        for (const [name, d] of template.params)
          if (!d.hasDefault) expect(params, `${f} must set ${name}`).toHaveProperty(name);
        for (const [name, d] of template.params) {
          if (d.secure && params[name])
            expect(params[name]!.value, `${f}: ${name}`).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
        }
      });
    }
  });
});
