using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Faas.Serverless.Stores.Secrets;

/// <summary>
/// Encrypts secret values with ASP.NET Core Data Protection (authenticated encryption under the key ring's current
/// key). The purpose names the project and the secret, so a ciphertext copied to another row does not decrypt.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    private const string Purpose = "Faas.Serverless.Secrets.v1";

    public byte[] Protect(string projectId, string name, string value) =>
        For(projectId, name).Protect(Encoding.UTF8.GetBytes(value));

    public string Unprotect(string projectId, string name, byte[] ciphertext) =>
        Encoding.UTF8.GetString(For(projectId, name).Unprotect(ciphertext));

    private IDataProtector For(string projectId, string name) => provider.CreateProtector(Purpose, projectId, name);
}
