// Cosmos DB for NoSQL: the store layout of docs/decisions/0001-store-seam.md, created here so that the service
// (which would also create it on start) never needs control-plane rights. One database, one container per document
// kind, hierarchical partition key /tenantId,/teamId (MultiHash, version 2); `processed` has TTL on (defaultTtl -1:
// each idempotency record carries its own ttl). The service's managed identity gets the built-in data-plane role
// "Cosmos DB Built-in Data Contributor" instead of account keys; local (key) auth is off unless keyInterim is set.
param accountName string
param location string
param databaseName string
@allowed(['Serverless', 'Autoscale'])
param capacityMode string
param autoscaleMaxThroughput int
@allowed(['Continuous7Days', 'Continuous30Days'])
param backupTier string
param dataContributorPrincipalId string
param keyInterim bool
param keyVaultName string
param tags object

// Keep in step with CONTAINERS in bot/src/store/cosmos.store.ts (test/infra/bicep.test.ts checks it).
var containers = [
  { name: 'teams', ttl: false }
  { name: 'members', ttl: false }
  { name: 'retros', ttl: false }
  { name: 'actions', ttl: false }
  { name: 'agreements', ttl: false }
  { name: 'pulse', ttl: false }
  { name: 'meetingLoad', ttl: false }
  { name: 'processed', ttl: true }
  { name: 'leases', ttl: false }
  { name: 'grants', ttl: false }
]

// Built-in data-plane role "Cosmos DB Built-in Data Contributor".
var dataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      { locationName: location, failoverPriority: 0, isZoneRedundant: false }
    ]
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    capabilities: capacityMode == 'Serverless' ? [ { name: 'EnableServerless' } ] : []
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: { tier: backupTier }
    }
    disableLocalAuth: !keyInterim
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    // Serverless accounts take no throughput setting; Autoscale shares one budget across the containers.
    options: capacityMode == 'Autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [for c in containers: {
  parent: database
  name: c.name
  properties: {
    resource: union({
      id: c.name
      partitionKey: {
        paths: [ '/tenantId', '/teamId' ]
        kind: 'MultiHash'
        version: 2
      }
    }, c.ttl ? { defaultTtl: -1 } : {})
  }
}]

resource dataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-05-15' = {
  parent: account
  name: guid(account.id, dataContributorPrincipalId, dataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${dataContributorRoleId}'
    principalId: dataContributorPrincipalId
    scope: account.id
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

// Interim (see docs/deploy.md): the account key goes from Cosmos DB straight into Key Vault, never through an output.
resource cosmosKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (keyInterim) {
  parent: vault
  name: 'cosmos-key'
  properties: {
    value: account.listKeys().primaryMasterKey
    contentType: 'text/plain'
  }
}

output endpoint string = account.properties.documentEndpoint
output accountName string = account.name
