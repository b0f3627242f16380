// The Faas API host as a Container App: external HTTPS ingress to port 8080, identity-based storage
// settings (AzureWebJobsStorage__*), the admin key from a secret, HTTP-based scaling with one warm replica.

param name string
param location string = resourceGroup().location
param tags object = {}

param containerAppsEnvironmentId string

@description('Resource id of the user-assigned managed identity (storage access and image pulls).')
param identityId string

@description('Client id of that identity (AzureWebJobsStorage__clientId, AZURE_CLIENT_ID).')
param identityClientId string

param containerRegistryLoginServer string

param blobServiceUri string
param queueServiceUri string
param tableServiceUri string

param applicationInsightsConnectionString string

@secure()
@description('Admin API key (Faas__Auth__AdminKey).')
param adminApiKey string

@description('Image to run; azd deploy replaces it with the image it builds.')
param image string

@minValue(1)
param minReplicas int = 1

@minValue(1)
param maxReplicas int = 10

@description('Concurrent HTTP requests per replica before another replica is added.')
param concurrentRequests int = 50

resource app 'Microsoft.App/containerApps@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: containerAppsEnvironmentId
    workloadProfileName: 'Consumption'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 8080
        transport: 'auto'
        allowInsecure: false
        traffic: [
          {
            latestRevision: true
            weight: 100
          }
        ]
      }
      registries: [
        {
          server: containerRegistryLoginServer
          identity: identityId
        }
      ]
      secrets: [
        {
          name: 'faas-admin-key'
          value: adminApiKey
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'api'
          image: image
          resources: {
            cpu: json('0.5')
            memory: '1Gi'
          }
          env: [
            {
              name: 'AzureWebJobsStorage__blobServiceUri'
              value: blobServiceUri
            }
            {
              name: 'AzureWebJobsStorage__queueServiceUri'
              value: queueServiceUri
            }
            {
              name: 'AzureWebJobsStorage__tableServiceUri'
              value: tableServiceUri
            }
            {
              name: 'AzureWebJobsStorage__credential'
              value: 'managedidentity'
            }
            {
              name: 'AzureWebJobsStorage__clientId'
              value: identityClientId
            }
            {
              name: 'AZURE_CLIENT_ID'
              value: identityClientId
            }
            {
              name: 'Faas__Auth__AdminKey'
              secretRef: 'faas-admin-key'
            }
            {
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: applicationInsightsConnectionString
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'http-requests'
            http: {
              metadata: {
                concurrentRequests: string(concurrentRequests)
              }
            }
          }
        ]
      }
    }
  }
}

output id string = app.id
output name string = app.name
output uri string = 'https://${app.properties.configuration.ingress.fqdn}'
