// The service's identity: reads Key Vault secrets, writes Cosmos DB data (data-plane RBAC), and can be the bot's
// identity (BOT_APP_TYPE=UserAssignedMSI). User-assigned, so it survives re-creating the web app.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
