// The one service on App Service (Linux, Node 24 LTS): `node bot/dist/main.js` serves the bot endpoint, the REST API,
// the tab (/tab/) and the add-in (/addin/). Stateless, so it scales out to N instances (leases in the store keep
// scheduled work single-run). Settings are exactly the environment variables bot/src/config.ts reads; secrets are
// Key Vault references resolved with the user-assigned identity, never literal values.
param planName string
param siteName string
param location string
param sku string
param instanceCount int
param autoscaleMaxInstances int
param identityId string
param identityClientId string
param insightsName string
param workspaceId string
param keyVaultName string
param cosmosEndpoint string
param cosmosDatabaseName string
param cosmosKeyInterim bool
param botAppId string
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAppType string
param botTenantId string
param entraClientId string
param allowedTenants string
param privacyK int
param tags object

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

// Key Vault references: App Service resolves them with the user-assigned identity (keyVaultReferenceIdentity).
var kvPrefix = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName='

// Exactly the variables bot/src/config.ts reads (test/infra/bicep.test.ts checks the names).
var serviceSettings = {
  HD_MODE: 'production'
  HOST: '0.0.0.0'
  PORT: '8080'
  LOG_LEVEL: 'info'
  STORE: 'cosmos'
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  BOT_APP_ID: botAppId
  BOT_APP_TYPE: botAppType
  BOT_TENANT_ID: botTenantId
  ENTRA_CLIENT_ID: entraClientId
  ENTRA_APP_ID_URI: 'api://${site.properties.defaultHostName}/${entraClientId}'
  ALLOWED_TENANTS: allowedTenants
  PSEUDONYM_SECRET: '${kvPrefix}pseudonym-secret)'
  PRIVACY_K: string(privacyK)
  SERVE_STATIC: 'true'
  SEED_DEMO: 'never'
}

var botPasswordSettings = botAppType == 'SingleTenant' ? {
  BOT_APP_PASSWORD: '${kvPrefix}bot-app-password)'
} : {}

// Interim only (see docs/deploy.md): without it COSMOS_KEY is not set and the service must use its identity.
var cosmosKeySettings = cosmosKeyInterim ? {
  COSMOS_KEY: '${kvPrefix}cosmos-key)'
} : {}

// App Service platform settings (not read by the service's config).
var platformSettings = {
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  // App Service's Application Insights agent for Node (requests, dependencies, exceptions) without an SDK in the code.
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // Lets DefaultAzureCredential pick the user-assigned identity (managed-identity auth to Cosmos DB, see docs).
  AZURE_CLIENT_ID: identityClientId
  WEBSITES_PORT: '8080'
  // The zip carries the built dist/ folders but no node_modules: the platform installs the service's runtime
  // dependencies on Linux (better-sqlite3 is native, so it is built for the host it runs on).
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'true'
  CUSTOM_BUILD_COMMAND: 'npm ci --omit=dev --workspace=bot --include-workspace-root --no-audit --no-fund'
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: siteName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|24-lts'
      appCommandLine: 'node bot/dist/main.js'
      alwaysOn: true
      http20Enabled: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      healthCheckPath: '/api/v1/health'
    }
  }
}

// A separate settings resource, so ENTRA_APP_ID_URI can use the site's own host name (the TAB_DOMAIN).
resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(serviceSettings, botPasswordSettings, cosmosKeySettings, platformSettings)
}

// The service logs JSON lines (pino) to stdout: ship them, with HTTP and platform logs, to Log Analytics.
resource siteLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
    metrics: [
      { category: 'AllMetrics', enabled: true }
    ]
  }
}

// Optional CPU autoscale between instanceCount and autoscaleMaxInstances.
resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = if (autoscaleMaxInstances > instanceCount) {
  name: '${planName}-autoscale'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(instanceCount)
          maximum: string(max(autoscaleMaxInstances, instanceCount))
          default: string(instanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT10M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: { direction: 'Increase', type: 'ChangeCount', value: '1', cooldown: 'PT10M' }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT20M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: { direction: 'Decrease', type: 'ChangeCount', value: '1', cooldown: 'PT20M' }
          }
        ]
      }
    ]
  }
}

output siteId string = site.id
output siteName string = site.name
output hostName string = site.properties.defaultHostName
