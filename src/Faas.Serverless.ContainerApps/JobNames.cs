using System.Security.Cryptography;
using System.Text;

namespace Faas.Serverless.ContainerApps;

/// <summary>
/// The Container Apps job of a service. Job names are at most 32 lower-case letters, digits and dashes, starting with
/// a letter: too short for a service id, so the name carries 130 bits of the id's SHA-256 in base32 instead.
/// </summary>
public static class JobNames
{
    private const string Prefix = "faas-";
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Characters = 26;

    public static string For(string serviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(serviceId));
        var name = new StringBuilder(Prefix, Prefix.Length + Characters);
        for (var i = 0; i < Characters; i++)
        {
            var bit = i * 5;
            var value = (((hash[bit / 8] << 8) | hash[(bit / 8) + 1]) >> (11 - (bit % 8))) & 31;
            name.Append(Alphabet[value]);
        }

        return name.ToString();
    }
}
