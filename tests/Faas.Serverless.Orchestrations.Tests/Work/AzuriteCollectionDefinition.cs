using Faas.Serverless.Testing;

namespace Faas.Serverless.Orchestrations.Tests.Work;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
