// The runner image's deploy target for azd (service "runner", host containerapp): a manually triggered Container
// Apps job that azd points at each image it builds and pushes. It is never started. The jobs that run services are
// created at run time by the API's runner provider (one per service, see docs/deploy.md), from the image in
// Faas__Runners__ContainerApps__DefaultImage.

param name string
param location string = resourceGroup().location
param tags object = {}

param containerAppsEnvironmentId string

@description('Resource id of the runners\' user-assigned identity (image pulls only).')
param identityId string

param containerRegistryLoginServer string

@description('Image until azd deploys the runner image.')
param image string = 'mcr.microsoft.com/azuredocs/containerapps-helloworld:latest'

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'runner' })
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
      triggerType: 'Manual'
      replicaTimeout: 60
      replicaRetryLimit: 0
      manualTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
      }
      registries: [
        {
          server: containerRegistryLoginServer
          identity: identityId
        }
      ]
      // The identity pulls images; code in the container cannot get tokens for it.
      identitySettings: [
        {
          identity: identityId
          lifecycle: 'None'
        }
      ]
    }
    template: {
      containers: [
        {
          name: 'runner'
          image: image
          resources: {
            cpu: json('0.25')
            memory: '0.5Gi'
          }
        }
      ]
    }
  }
}

output id string = job.id
output name string = job.name
