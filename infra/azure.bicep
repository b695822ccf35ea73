// Human Debt suite: everything one customer runs in its own Azure subscription, in one resource group.
//   App Service (Linux, Node 24 LTS) running the one service, with a user-assigned managed identity
//   Azure Bot (single tenant, Teams channel) pointing at /api/messages
//   Cosmos DB for NoSQL (serverless by default, continuous backup) with the database and one container per kind
//   Key Vault (RBAC) for the pseudonym secret (and the bot secret), Application Insights on Log Analytics
// Deployed by the Microsoft 365 Agents Toolkit (teamsapp.yml, `arm/deploy`) with azure.parameters.<env>.json, or by
// `az deployment group create`. Secrets come in as @secure() parameters, go straight to Key Vault and are read by
// the service through Key Vault references; no output carries a secret.
targetScope = 'resourceGroup'

@description('Short name all resource names derive from (letters and digits), e.g. humandebtcontoso.')
@minLength(3)
@maxLength(24)
param resourceBaseName string

@description('Azure region for every resource but the bot (which is global).')
param location string = resourceGroup().location

@description('App Service plan SKU (Linux). P0v3 or larger for production; B1 is enough to try it out.')
param appServiceSku string = 'P0v3'

@description('Number of service instances. The service is stateless; 2 or more gives zero-downtime restarts.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Upper bound for CPU-based autoscale; at or below instanceCount autoscale is off.')
@minValue(0)
@maxValue(30)
param autoscaleMaxInstances int = 0

@description('Cosmos DB capacity: Serverless (pay per request, the default) or Autoscale (provisioned, shared by the database).')
@allowed(['Serverless', 'Autoscale'])
param cosmosCapacityMode string = 'Serverless'

@description('Autoscale maximum RU/s for the database when cosmosCapacityMode is Autoscale (scales between 10 % and 100 %).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Continuous backup retention: point-in-time restore to any second within 7 or 30 days.')
@allowed(['Continuous7Days', 'Continuous30Days'])
param cosmosBackupTier string = 'Continuous7Days'

@description('Interim only: until the service authenticates to Cosmos DB with its managed identity, put the account key in Key Vault and set COSMOS_KEY from it. See docs/deploy.md.')
param cosmosKeyInterim bool = false

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'humandebt'

@description('SingleTenant: an Entra app registration with a client secret. UserAssignedMSI: the service\'s managed identity, no secret.')
@allowed(['SingleTenant', 'UserAssignedMSI'])
param botAppType string = 'SingleTenant'

@description('Client id of the bot\'s Entra app registration (SingleTenant); ignored for UserAssignedMSI.')
param botAadAppClientId string = ''

@secure()
@description('Client secret of the bot\'s app registration (SingleTenant). Stored in Key Vault only.')
param botAadAppClientSecret string = ''

@description('Bot name shown in the Azure portal.')
param botDisplayName string = 'Human Debt'

@description('Azure Bot pricing tier. Teams is a standard channel: F0 carries no message charge for it.')
@allowed(['F0', 'S1'])
param botSku string = 'F0'

@description('Client id of the SSO app registration (aad.manifest.json) the tab and the add-in get tokens for.')
param entraClientId string

@description('Comma-separated Entra tenant ids allowed to sign in (usually just your own).')
param allowedTenants string

@secure()
@minLength(32)
@description('HMAC key for anonymous pseudonyms (at least 32 characters). Stored in Key Vault only.')
param pseudonymSecret string

@description('The tenant\'s privacy threshold k (3 to 100).')
@minValue(3)
@maxValue(100)
param privacyK int = 5

@description('Log Analytics retention in days.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Tags added to every resource.')
param tags object = {}

var suffix = uniqueString(resourceGroup().id, resourceBaseName)
var names = {
  identity: 'id-${resourceBaseName}'
  logs: 'log-${resourceBaseName}'
  insights: 'appi-${resourceBaseName}'
  // Key Vault: 3–24 letters, digits and hyphens; no hyphens here so truncation can never end on one.
  keyVault: take('kv${replace(resourceBaseName, '-', '')}${suffix}', 24)
  cosmos: toLower(take('cosmos${replace(resourceBaseName, '-', '')}${suffix}', 44))
  plan: 'plan-${resourceBaseName}'
  site: toLower('app-${resourceBaseName}-${suffix}')
  bot: 'bot-${resourceBaseName}-${suffix}'
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    workspaceName: names.logs
    insightsName: names.insights
    location: location
    retentionDays: logRetentionDays
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    name: names.keyVault
    location: location
    readerPrincipalId: identity.outputs.principalId
    pseudonymSecret: pseudonymSecret
    botAadAppClientSecret: botAppType == 'SingleTenant' ? botAadAppClientSecret : ''
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: names.cosmos
    location: location
    databaseName: cosmosDatabaseName
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    dataContributorPrincipalId: identity.outputs.principalId
    keyInterim: cosmosKeyInterim
    keyVaultName: keyVault.outputs.name
    tags: tags
  }
}

module appService 'modules/appservice.bicep' = {
  name: 'appService'
  params: {
    planName: names.plan
    siteName: names.site
    location: location
    sku: appServiceSku
    instanceCount: instanceCount
    autoscaleMaxInstances: autoscaleMaxInstances
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    insightsName: monitoring.outputs.insightsName
    workspaceId: monitoring.outputs.workspaceId
    keyVaultName: keyVault.outputs.name
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmosDatabaseName
    cosmosKeyInterim: cosmosKeyInterim
    botAppId: botAppType == 'UserAssignedMSI' ? identity.outputs.clientId : botAadAppClientId
    botAppType: botAppType
    botTenantId: tenant().tenantId
    entraClientId: entraClientId
    allowedTenants: allowedTenants
    privacyK: privacyK
    tags: tags
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    displayName: botDisplayName
    sku: botSku
    endpoint: 'https://${appService.outputs.hostName}/api/messages'
    appType: botAppType
    appId: botAppType == 'UserAssignedMSI' ? identity.outputs.clientId : botAadAppClientId
    tenantId: tenant().tenantId
    msiResourceId: botAppType == 'UserAssignedMSI' ? identity.outputs.id : ''
    tags: tags
  }
}

// Read back by the Agents Toolkit into env/.env.<env> (names are the env variable names). Nothing secret here.
output AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.siteId
output TAB_DOMAIN string = appService.outputs.hostName
output TAB_ENDPOINT string = 'https://${appService.outputs.hostName}'
output BOT_DOMAIN string = appService.outputs.hostName
output BOT_AZURE_RESOURCE_NAME string = bot.outputs.name
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output KEY_VAULT_NAME string = keyVault.outputs.name
