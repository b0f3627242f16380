using System.Diagnostics.CodeAnalysis;
using Faas.Serverless.Testing;

namespace Faas.Serverless.AzureStorage.Tests;

[CollectionDefinition("Azurite")]
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit collection definitions are named *Collection.")]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>;
