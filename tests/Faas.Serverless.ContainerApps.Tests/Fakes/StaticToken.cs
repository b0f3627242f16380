using Azure.Core;

namespace Faas.Serverless.ContainerApps.Tests.Fakes;

/// <summary>A credential that hands out one fixed token and remembers the scopes it was asked for.</summary>
public sealed class StaticToken : TokenCredential
{
    public const string Value = "arm-test-token";

    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Scopes.AddRange(requestContext.Scopes);
        return new AccessToken(Value, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
