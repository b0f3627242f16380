using Faas.Serverless.Testing;

namespace Faas.Serverless.Api.Tests.Infrastructure;

[CollectionDefinition("Azurite")]
public sealed class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
