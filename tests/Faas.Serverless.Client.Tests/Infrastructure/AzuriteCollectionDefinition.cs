using Faas.Serverless.Testing;

namespace Faas.Serverless.Client.Tests.Infrastructure;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
