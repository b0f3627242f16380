// The Faas API as a Function App on the Flex Consumption plan (FC1): .NET isolated worker, code deployed by azd to
// a blob container that the app reads with its user-assigned identity, identity-based storage settings
// (AzureWebJobsStorage__*), and the settings of the Container Apps runner provider (Faas__Runners__*).

param name string
param planName string
param location string = resourceGroup().location
param tags object = {}

@description('Resource id of the API\'s user-assigned managed identity.')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, the runner provider\'s ARM credential).')
param identityClientId string

param storageAccountName string
param blobServiceUri string
param queueServiceUri string
param tableServiceUri string

@description('URL of the blob container that holds the deployment packages.')
param deploymentContainerUri string

param applicationInsightsConnectionString string

@secure()
@description('Admin API key (Faas__Auth__AdminKey).')
param adminApiKey string

@description('Key Vault URI of the secrets key-encryption key, read through a Key Vault reference with the app\'s identity.')
param kekReferenceUri string

@description('.NET version of the isolated worker (functionAppConfig.runtime.version).')
param dotnetVersion string = '10.0'

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Settings of the Container Apps runner provider (Faas:Runners:ContainerApps).')
param runners object

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references (the secrets key-encryption key) are resolved with the app's user-assigned identity.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUri
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
    }
  }
}

// A child resource, so that the runners' host URL can be the app's own default host name.
resource appSettings 'Microsoft.Web/sites/config@2024-11-01' = {
  parent: app
  name: 'appsettings'
  properties: {
    // The Functions host reads accountName; our storage clients read the three service URIs (same account).
    AzureWebJobsStorage__accountName: storageAccountName
    AzureWebJobsStorage__blobServiceUri: blobServiceUri
    AzureWebJobsStorage__queueServiceUri: queueServiceUri
    AzureWebJobsStorage__tableServiceUri: tableServiceUri
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    Faas__Auth__AdminKey: adminApiKey
    Faas__Secrets__KeyEncryptionKey: '@Microsoft.KeyVault(SecretUri=${kekReferenceUri})'
    Faas__Runners__Provider: 'ContainerApps'
    Faas__Runners__ContainerApps__SubscriptionId: subscription().subscriptionId
    Faas__Runners__ContainerApps__ResourceGroup: resourceGroup().name
    Faas__Runners__ContainerApps__Location: location
    Faas__Runners__ContainerApps__EnvironmentId: runners.environmentId
    Faas__Runners__ContainerApps__IdentityId: runners.identityId
    Faas__Runners__ContainerApps__RegistryServer: runners.registryServer
    Faas__Runners__ContainerApps__DefaultImage: runners.defaultImage
    Faas__Runners__ContainerApps__StorageAccountName: storageAccountName
    Faas__Runners__ContainerApps__HostUrl: 'https://${app.properties.defaultHostName}'
    Faas__Runners__ContainerApps__ManagementClientId: identityClientId
  }
}

output id string = app.id
output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
