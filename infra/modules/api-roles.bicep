// What the API's identity may do besides storage data: create, update and delete the runners' Container Apps jobs
// in this resource group, give them the runner identity (and only that one), and send telemetry with Entra ID.

@description('Object id of the API\'s managed identity.')
param principalId string

@description('Name of the runners\' user-assigned identity in this resource group.')
param runnerIdentityName string

@description('Name of the Application Insights component in this resource group.')
param applicationInsightsName string

var containerAppsContributor = '358470bc-b998-42bd-ab17-a7e34c199c0f'
var managedIdentityOperator = 'f1a07417-d97a-45cb-824c-7a7467783830'
var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

resource runnerIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' existing = {
  name: runnerIdentityName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource jobs 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, principalId, containerAppsContributor)
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', containerAppsContributor)
  }
}

resource assignRunnerIdentity 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(runnerIdentity.id, principalId, managedIdentityOperator)
  scope: runnerIdentity
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', managedIdentityOperator)
  }
}

resource telemetry 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(applicationInsights.id, principalId, monitoringMetricsPublisher)
  scope: applicationInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}
