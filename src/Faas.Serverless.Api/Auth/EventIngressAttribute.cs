namespace Faas.Serverless.Api.Auth;

/// <summary>
/// Marks the event ingress routes, which accept the keys event publishers send: the project's event key or an API key
/// as <c>aeg-sas-key</c> or <c>?code=</c> (Event Grid subscriptions and many webhook senders can only be given a URL),
/// and a SAS token made from the event key as <c>aeg-sas-token</c>. Every other route ignores these, so neither the
/// event key nor a key in a URL opens anything else.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class EventIngressAttribute : Attribute
{
    public const string CodeParameter = "code";
    public const string KeyHeader = "aeg-sas-key";
    public const string TokenHeader = "aeg-sas-token";
    public const string SasScheme = "SharedAccessSignature ";

    /// <summary>What a 401 on an ingress route lists.</summary>
    public const string AcceptedForms =
        "Send the project's event key as 'aeg-sas-key: <key>' or '?code=<key>'; a SAS token made from it as 'aeg-sas-token: r=<resource>&e=<expiry>&s=<signature>' "
        + "(or 'Authorization: SharedAccessSignature r=…&e=…&s=…'); or an API key as 'Authorization: Bearer <key>', 'x-api-key: <key>', 'aeg-sas-key: <key>' or '?code=<key>'.";
}
