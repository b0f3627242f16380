using System.Security.Cryptography;
using System.Text;

namespace Faas.Serverless.Domain.Identity;

public static class ApiKeys
{
    private const string Prefix = "faas_";

    /// <summary>Keys carry 256 random bits, so a fast hash is enough: there is nothing to brute-force.</summary>
    public static string NewSecret() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
