// Runner as an event-driven Container Apps job: KEDA's azure-queue scaler starts executions while the
// service's work queue has messages, authenticating to storage with the managed identity.

param name string
param location string = resourceGroup().location
param tags object = {}

param containerAppsEnvironmentId string

@description('Resource id of the user-assigned managed identity (queue scaler, storage access, image pulls).')
param identityId string

@description('Client id of that identity.')
param identityClientId string

param containerRegistryLoginServer string

@description('Storage account that holds the work queue.')
param storageAccountName string

param queueServiceUri string

@description('Work queue the job scales on.')
param runnerQueueName string

@description('Base URL of the Faas API, which the runner agent reports to.')
param apiUri string

param applicationInsightsConnectionString string

param image string

@description('Seconds one job execution may run before it is stopped.')
param replicaTimeoutSeconds int = 3600

@minValue(1)
param maxExecutions int = 10

@description('Queue messages per job execution (KEDA queueLength).')
param messagesPerExecution int = 1

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: name
  location: location
  tags: tags
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
      triggerType: 'Event'
      replicaTimeout: replicaTimeoutSeconds
      // Retries belong to the platform (maxAttempts with backoff), not to Container Apps.
      replicaRetryLimit: 0
      registries: [
        {
          server: containerRegistryLoginServer
          identity: identityId
        }
      ]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: 30
          rules: [
            {
              name: 'work-queue'
              type: 'azure-queue'
              metadata: {
                accountName: storageAccountName
                queueName: runnerQueueName
                queueLength: string(messagesPerExecution)
              }
              identity: identityId
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'runner'
          image: image
          resources: {
            cpu: json('1.0')
            memory: '2Gi'
          }
          env: [
            {
              name: 'FAAS_API_URL'
              value: apiUri
            }
            {
              name: 'FAAS_WORK_QUEUE'
              value: runnerQueueName
            }
            {
              name: 'AzureWebJobsStorage__queueServiceUri'
              value: queueServiceUri
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
              name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
              value: applicationInsightsConnectionString
            }
          ]
        }
      ]
    }
  }
}

output id string = job.id
output name string = job.name
