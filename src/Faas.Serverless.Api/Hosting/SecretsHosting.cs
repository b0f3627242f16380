using Faas.Serverless.Domain.Secrets;
using Faas.Serverless.Domain.Services;
using Faas.Serverless.Stores.Secrets;
using Faas.Serverless.Stores.Services;

namespace Faas.Serverless.Api.Hosting;

internal static class SecretsHosting
{
    /// <summary>Project secrets (encrypted at rest, see <see cref="SecretsRegistration"/>) and the service events their changes record.</summary>
    public static IServiceCollection AddFaasSecrets(this IServiceCollection services)
    {
        services.AddSecretStore();
        services.AddSingleton<IServiceEventStore, TableServiceEventStore>();
        services.AddSingleton<SecretManager>();
        return services;
    }
}
