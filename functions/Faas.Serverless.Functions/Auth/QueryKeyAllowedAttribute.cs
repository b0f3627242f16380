namespace Faas.Serverless.Functions.Auth;

/// <summary>
/// Marks the event ingress routes, which also accept the API key as <c>?code=</c>: Event Grid subscriptions and many
/// webhook senders can only be given a URL. Every other route ignores the query string for authentication, so a
/// key never needs to appear in a URL elsewhere.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
internal sealed class QueryKeyAllowedAttribute : Attribute
{
    public const string Parameter = "code";
}
