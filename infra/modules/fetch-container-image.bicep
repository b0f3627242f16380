// Reads the containers of an existing container app, so that re-provisioning keeps the image that
// `azd deploy` put there instead of resetting it to the placeholder.

param exists bool
param name string

resource existingApp 'Microsoft.App/containerApps@2025-01-01' existing = if (exists) {
  name: name
}

output containers array = exists ? existingApp.properties.template.containers : []
