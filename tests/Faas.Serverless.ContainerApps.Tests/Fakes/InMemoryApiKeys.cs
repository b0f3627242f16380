using Faas.Serverless.Domain.Identity;

namespace Faas.Serverless.ContainerApps.Tests.Fakes;

public sealed class InMemoryApiKeys : IApiKeyStore
{
    public List<ApiKey> Keys { get; } = [];

    public Task CreateAsync(ApiKey key, CancellationToken cancellationToken = default)
    {
        Keys.Add(key);
        return Task.CompletedTask;
    }

    public Task<ApiKey?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        Task.FromResult(Keys.FirstOrDefault(key => key.Hash == hash));

    public Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ApiKey>>([.. Keys.Where(key => key.UserId == userId)]);

    public Task<bool> DeleteAsync(string userId, string keyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Keys.RemoveAll(key => key.UserId == userId && key.Id == keyId) > 0);
}
