// The vault that keeps the key-encryption key of the secrets key ring (docs/security.md#secrets): the key ring lives
// in blob storage, each of its keys sealed with this key, which only the API's managed identity can read.

param name string
param location string = resourceGroup().location
param tags object = {}

@description('Object id of the API\'s managed identity: it reads the key through a Key Vault reference app setting.')
param apiPrincipalId string

@secure()
@description('The key-encryption key: base64 of 32 random bytes (openssl rand -base64 32). Keep it: a new one cannot open the key ring the old one sealed.')
param keyEncryptionKey string

var keyVaultSecretsUser = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource kek 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'faas-secrets-kek'
  properties: {
    value: keyEncryptionKey
    contentType: 'base64, 32 bytes: key-encryption key of the Faas secrets key ring'
  }
}

resource apiReadsKek 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(kek.id, apiPrincipalId, keyVaultSecretsUser)
  scope: kek
  properties: {
    principalId: apiPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUser)
  }
}

@description('The secret\'s URI without a version: a Key Vault reference to it follows the latest version.')
output keyEncryptionKeyUri string = '${vault.properties.vaultUri}secrets/${kek.name}'
