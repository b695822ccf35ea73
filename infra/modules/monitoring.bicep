// Application Insights on a Log Analytics workspace: the service's JSON logs (pino, one correlationId per request)
// and App Service platform logs land in one place.
param workspaceName string
param insightsName string
param location string
param retentionDays int
param tags object

resource workspace 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: retentionDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: insightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // Local auth stays on: the App Service agent sends with the connection string.
    IngestionMode: 'LogAnalytics'
  }
}

// Names only: the connection string is read where it is used (appservice.bicep), never passed through outputs.
output insightsName string = insights.name
output workspaceId string = workspace.id
