using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests.Infrastructure;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
