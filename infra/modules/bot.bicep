// Azure Bot registration, single tenant (new multi-tenant registrations are no longer possible), with the Teams
// channel. Either an Entra app registration (SingleTenant, secret in Key Vault) or the service's user-assigned
// managed identity (UserAssignedMSI, no secret at all).
param name string
param displayName string
@allowed(['F0', 'S1'])
param sku string
param endpoint string
@allowed(['SingleTenant', 'UserAssignedMSI'])
param appType string
param appId string
param tenantId string
param msiResourceId string
param tags object

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: tenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? msiResourceId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      acceptedTerms: true
    }
  }
}

output name string = bot.name
