// Faas.Serverless on Azure, provisioned by `azd up` (see docs/deploy.md):
//   resource group
//   ├─ Log Analytics + Application Insights
//   ├─ storage account (shared keys off): codebases, the Function App's deployment packages, tables and queues
//   ├─ API identity: Storage Blob/Queue/Table Data Contributor, Container Apps Contributor on the resource group,
//   │  Managed Identity Operator on the runner identity, Monitoring Metrics Publisher
//   ├─ runner identity: AcrPull, Storage Queue Data Reader (KEDA's queue scaler); no token reaches user code
//   ├─ Key Vault: the key-encryption key of the secrets key ring, readable by the API identity only
//   ├─ Flex Consumption plan + Function App (service "api" in azure.yaml)
//   ├─ container registry and Container Apps environment for the runners
//   └─ the runner image's deploy target (service "runner"); the API creates one Container Apps job per service
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (AZURE_ENV_NAME); names the resource group and tags every resource.')
param environmentName string

@minLength(1)
@description('Azure region for all resources (AZURE_LOCATION); it must offer the Flex Consumption plan.')
param location string

@description('Object id of the user or service principal running azd (AZURE_PRINCIPAL_ID): gets data access to the storage account. Empty to skip.')
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
@description('Admin API key of the Faas API (Faas__Auth__AdminKey). Set with: azd env set FAAS_ADMIN_KEY <key>.')
param adminApiKey string

@secure()
@description('Key-encryption key of the secrets key ring, base64 of 32 random bytes, kept in Key Vault. Set with: azd env set FAAS_SECRETS_KEK "$(openssl rand -base64 32)".')
param secretsKeyEncryptionKey string

@description('Resource group name; defaults to rg-<environmentName>.')
param resourceGroupName string = ''

var tags = {
  'azd-env-name': environmentName
}
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var functionAppName = 'func-${resourceToken}'
var runnerImageRepository = 'faas-serverless/runner'

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
    deploymentContainerName: 'app-package-${take(functionAppName, 32)}'
  }
}

module apiIdentity 'modules/identity.bicep' = {
  name: 'api-identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module runnerIdentity 'modules/identity.bicep' = {
  name: 'runner-identity'
  scope: rg
  params: {
    name: 'id-runner-${resourceToken}'
    location: location
    tags: tags
  }
}

module apiStorageRoles 'modules/storage-roles.bicep' = {
  name: 'api-storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: apiIdentity.outputs.principalId
  }
}

module runnerStorageRoles 'modules/storage-roles.bicep' = {
  name: 'runner-storage-roles'
  scope: rg
  params: {
    storageAccountName: storage.outputs.name
    principalId: runnerIdentity.outputs.principalId
    roleDefinitionIds: [
      '19e7f393-937e-4f77-808e-94535e297925' // Storage Queue Data Reader: KEDA reads the work queue's length
    ]
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

module apiRoles 'modules/api-roles.bicep' = {
  name: 'api-roles'
  scope: rg
  params: {
    principalId: apiIdentity.outputs.principalId
    runnerIdentityName: runnerIdentity.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module registry 'modules/registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: 'cr${resourceToken}'
    location: location
    tags: tags
    pullPrincipalId: runnerIdentity.outputs.principalId
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

module runnerJob 'modules/runner-job.bicep' = {
  name: 'runner-job'
  scope: rg
  params: {
    name: 'caj-runner-${resourceToken}'
    location: location
    tags: tags
    containerAppsEnvironmentId: containerAppsEnvironment.outputs.id
    identityId: runnerIdentity.outputs.id
    containerRegistryLoginServer: registry.outputs.loginServer
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    apiPrincipalId: apiIdentity.outputs.principalId
    keyEncryptionKey: secretsKeyEncryptionKey
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: apiIdentity.outputs.id
    identityClientId: apiIdentity.outputs.clientId
    storageAccountName: storage.outputs.name
    blobServiceUri: storage.outputs.blobServiceUri
    queueServiceUri: storage.outputs.queueServiceUri
    tableServiceUri: storage.outputs.tableServiceUri
    deploymentContainerUri: storage.outputs.deploymentContainerUri
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    adminApiKey: adminApiKey
    kekReferenceUri: keyVault.outputs.keyEncryptionKeyUri
    runners: {
      environmentId: containerAppsEnvironment.outputs.id
      identityId: runnerIdentity.outputs.id
      registryServer: registry.outputs.loginServer
      defaultImage: '${registry.outputs.loginServer}/${runnerImageRepository}:latest'
    }
  }
  dependsOn: [
    apiStorageRoles
    apiRoles
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
output AZURE_API_IDENTITY_CLIENT_ID string = apiIdentity.outputs.clientId
output AZURE_RUNNER_IDENTITY_ID string = runnerIdentity.outputs.id
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.applicationInsightsConnectionString
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output FAAS_URL string = functionApp.outputs.uri
output FAAS_RUNNER_IMAGE_REPOSITORY string = runnerImageRepository
output FAAS_RUNNER_TEMPLATE_JOB_NAME string = runnerJob.outputs.name
