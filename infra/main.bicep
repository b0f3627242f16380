// Faas.Serverless on Azure, provisioned by `azd up`:
//   resource group
//   ├─ Log Analytics + Application Insights
//   ├─ storage account (shared keys off) with the codebases container and the default work queue
//   ├─ user-assigned managed identity: Storage Blob/Queue/Table Data Contributor, AcrPull
//   ├─ container registry (images built by azd)
//   ├─ Container Apps environment
//   ├─ API container app (service "api" in azure.yaml)
//   └─ runner Container Apps job, started by KEDA's azure-queue scaler
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for all resources.')
param location string

@description('Object id of the user or service principal running azd: gets data access to the storage account for local debugging. Empty to skip.')
param principalId string = ''

@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
@description('Kind of principal that principalId names.')
param principalType string = 'User'

@secure()
@minLength(32)
@description('Admin API key of the Faas host (Faas__Auth__AdminKey). Set with: azd env set FAAS_ADMIN_KEY <key>.')
param adminApiKey string

@description('Work queue that the runner job scales on.')
param runnerQueueName string = 'work-default'

// Placeholder until the runner image exists: it is built in a later issue together with the runner agent.
@description('Image of the runner job.')
param runnerImage string = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

@description('Set by azd (SERVICE_API_RESOURCE_EXISTS): true once the API app exists, so provisioning keeps its deployed image.')
param apiExists bool = false

@description('Resource group name; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var placeholderImage = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'
var apiAppName = 'ca-api-${resourceToken}'

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    codebaseContainerName: 'codebases'
    runnerQueueName: runnerQueueName
  }
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-faas-${resourceToken}'
    location: location
    tags: tags
  }
}

module identityStorageRoles 'modules/storage-roles.bicep' = {
  name: 'identity-storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
  }
}

module developerStorageRoles 'modules/storage-roles.bicep' = if (!empty(principalId)) {
  name: 'developer-storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: principalId
    principalType: principalType
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: 'cr${resourceToken}'
    location: location
    tags: tags
    pullPrincipalId: identity.outputs.principalId
  }
}

module containerAppsEnvironment 'modules/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    name: 'cae-${resourceToken}'
    location: location
    tags: tags
    logAnalyticsWorkspaceName: monitoring.outputs.logAnalyticsWorkspaceName
  }
}

module apiImage 'modules/fetch-container-image.bicep' = {
  name: 'api-image'
  scope: rg
  params: {
    exists: apiExists
    name: apiAppName
  }
}

module api 'modules/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: apiAppName
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironment.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    containerRegistryLoginServer: registry.outputs.loginServer
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    adminApiKey: adminApiKey
    image: !empty(apiImage.outputs.containers) ? apiImage.outputs.containers[0].image : placeholderImage
    minReplicas: 1
  }
  dependsOn: [
    identityStorageRoles
  ]
}

module runnerJob 'modules/runner-job.bicep' = {
  name: 'runner-job'
  scope: rg
  params: {
    name: 'caj-runner-${resourceToken}'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironment.outputs.id
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    containerRegistryLoginServer: registry.outputs.loginServer
    storageAccountName: storage.outputs.name
    queueServiceUri: storage.outputs.queueServiceUri
    runnerQueueName: storage.outputs.runnerQueueName
    apiUri: api.outputs.uri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    image: runnerImage
  }
  dependsOn: [
    identityStorageRoles
  ]
}

// Read by azd (deploy, env) and handy for scripts: `azd env get-values`.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_ID string = containerAppsEnvironment.outputs.id
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobServiceUri
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueServiceUri
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableServiceUri
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_URI string = api.outputs.uri
output FAAS_URL string = api.outputs.uri
output FAAS_RUNNER_JOB_NAME string = runnerJob.outputs.name
output FAAS_RUNNER_QUEUE_NAME string = storage.outputs.runnerQueueName
