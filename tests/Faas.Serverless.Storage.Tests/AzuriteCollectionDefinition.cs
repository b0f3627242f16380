using Faas.Serverless.Testing;

namespace Faas.Serverless.Storage.Tests;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
