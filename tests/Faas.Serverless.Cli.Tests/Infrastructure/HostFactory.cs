using Faas.Serverless.Testing;

namespace Faas.Serverless.Cli.Tests.Infrastructure;

/// <summary>The local host for these tests (<see cref="RealHostFactory{TEntryPoint}"/>), with their admin key.</summary>
public sealed class HostFactory(AzuriteFixture azurite, bool runReplicas = false) : RealHostFactory<Program>(azurite, AdminKey, runReplicas)
{
    public const string AdminKey = "cli-tests-admin-key-0123456789abcd";
}
