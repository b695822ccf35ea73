// Local debugging only (teamsapp.local.yml): an Azure Bot registration, single tenant, with the Teams channel,
// whose messaging endpoint is your dev tunnel. Nothing else: the service runs on your machine.
targetScope = 'resourceGroup'

@description('Short name the bot resource name derives from.')
param resourceBaseName string

@description('Client id of the bot\'s Entra app registration (created by the toolkit).')
param botAadAppClientId string

@description('The dev tunnel\'s https origin, e.g. https://abcd-3978.euw.devtunnels.ms')
param botEndpoint string

@description('Bot name shown in the Azure portal.')
param botDisplayName string = 'Human Debt (local)'

module bot 'modules/bot.bicep' = {
  name: 'bot-local'
  params: {
    name: 'bot-${resourceBaseName}-${uniqueString(resourceGroup().id, resourceBaseName)}'
    displayName: botDisplayName
    sku: 'F0'
    endpoint: '${botEndpoint}/api/messages'
    appType: 'SingleTenant'
    appId: botAadAppClientId
    tenantId: tenant().tenantId
    msiResourceId: ''
    tags: {}
  }
}

output BOT_AZURE_RESOURCE_NAME string = bot.outputs.name
