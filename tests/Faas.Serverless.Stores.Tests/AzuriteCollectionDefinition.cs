using Faas.Serverless.Testing;

namespace Faas.Serverless.Stores.Tests;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
