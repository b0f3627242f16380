using Faas.Serverless.Testing;

namespace Faas.Serverless.Functions.Tests.Infrastructure;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
