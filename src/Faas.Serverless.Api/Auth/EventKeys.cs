using System.Security.Cryptography;
using System.Text;
using Faas.Serverless.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Faas.Serverless.Api.Auth;

/// <summary>
/// Each project's event key: 32 bytes in base64, the form Event Grid topic keys have, so that publisher SDKs can sign
/// SAS tokens with it. It is derived from the admin key and the project id, so no copy of it is stored; rotating the
/// admin key rotates every project's event key.
/// </summary>
public sealed class EventKeys(IOptions<AuthOptions> options)
{
    private const string Purpose = "faas-event-key\n";

    public string KeyFor(string projectId)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey), Encoding.UTF8.GetBytes(Purpose + projectId)));
    }

    public bool IsKeyOf(string projectId, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(KeyFor(projectId)), Encoding.UTF8.GetBytes(presented));
}
