using Faas.Serverless.Domain.Secrets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Stores.Secrets;

public static class SecretsRegistration
{
    /// <summary>The application name every host shares, so that all of them read the same key ring.</summary>
    public const string ApplicationName = "faas-serverless";

    /// <summary>
    /// Secrets on Table storage, encrypted with Data Protection whose key ring lives in <see cref="StoreTables.Keys"/>,
    /// sealed by the <see cref="KeyEncryptionKey"/>. Needs <see cref="StoreTables"/> registered.
    /// </summary>
    public static IServiceCollection AddSecretStore(this IServiceCollection services)
    {
        services.AddOptions<SecretsOptions>().BindConfiguration(SecretsOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.KeyEncryptionKey) || !string.IsNullOrWhiteSpace(o.KeyEncryptionKeyFile), "Set Faas:Secrets:KeyEncryptionKey or Faas:Secrets:KeyEncryptionKeyFile.")
            .ValidateOnStart();
        services.AddSingleton(provider => KeyEncryptionKeyLoader.Load(provider.GetRequiredService<IOptions<SecretsOptions>>().Value));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>().Configure<StoreTables, KeyEncryptionKey>((options, tables, kek) =>
        {
            options.XmlRepository = new BlobXmlRepository(tables.Keys);
            options.XmlEncryptor = new KeyEncryptionKeyXmlEncryptor(kek);
        });
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<ISecretStore, TableSecretStore>();
        return services;
    }
}
