using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Faas.Serverless.AzureStorage.Pipeline;

/// <summary>
/// Table SharedKeyLite authorization: signs only the date and the resource (keeping just <c>comp</c>).
/// Sends x-ms-date rather than Date because Azurite prefers Date when both are present.
/// </summary>
internal sealed class SharedKeyLitePolicy(string accountName, byte[] accountKey) : HttpPipelineSynchronousPolicy
{
    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var date = DateTimeOffset.UtcNow.ToString("R", CultureInfo.InvariantCulture);
        request.Headers.SetValue("x-ms-date", date);
        var signature = SharedKeyPolicy.Sign(accountKey, BuildStringToSign(request.Uri.ToUri(), date, accountName));
        request.Headers.SetValue("Authorization", $"SharedKeyLite {accountName}:{signature}");
    }

    internal static string BuildStringToSign(Uri uri, string date, string accountName)
    {
        var resource = $"/{accountName}{uri.AbsolutePath}";
        var comp = QueryParameters.Parse(uri.Query).Where(parameter => parameter.Name == "comp").Select(parameter => parameter.Value).FirstOrDefault();
        return comp is null ? $"{date}\n{resource}" : $"{date}\n{resource}?comp={comp}";
    }
}
