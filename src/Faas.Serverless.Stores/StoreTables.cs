using Faas.Serverless.AzureStorage;

namespace Faas.Serverless.Stores;

/// <summary>The tables and containers the stores use, created once at start-up.</summary>
public sealed class StoreTables(StorageAccount account, StoreOptions options)
{
    public TableClient Organizations { get; } = account.GetTableClient(options.TablePrefix + "organizations");

    public TableClient Users { get; } = account.GetTableClient(options.TablePrefix + "users");

    public TableClient Projects { get; } = account.GetTableClient(options.TablePrefix + "projects");

    public TableClient ApiKeys { get; } = account.GetTableClient(options.TablePrefix + "apikeys");

    public TableClient Packages { get; } = account.GetTableClient(options.TablePrefix + "packages");

    public TableClient Services { get; } = account.GetTableClient(options.TablePrefix + "services");

    public TableClient Replicas { get; } = account.GetTableClient(options.TablePrefix + "replicas");

    public TableClient Executions { get; } = account.GetTableClient(options.TablePrefix + "executions");

    public TableClient ExecutionIndex { get; } = account.GetTableClient(options.TablePrefix + "executionindex");

    public TableClient IdempotencyKeys { get; } = account.GetTableClient(options.TablePrefix + "idempotencykeys");

    public TableClient DeadLetters { get; } = account.GetTableClient(options.TablePrefix + "deadletters");

    public TableClient Triggers { get; } = account.GetTableClient(options.TablePrefix + "triggers");

    public TableClient TriggerOnce { get; } = account.GetTableClient(options.TablePrefix + "triggeronce");

    public BlobContainerClient Codebases { get; } = account.GetBlobContainerClient(options.CodebaseContainer);

    /// <summary>Large execution inputs and outputs; named after the table prefix, which is a valid container name once lower-cased.</summary>
    public BlobContainerClient Payloads { get; } = account.GetBlobContainerClient(options.TablePrefix.ToLowerInvariant() + "payloads");

    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in new[] { Organizations, Users, Projects, ApiKeys, Packages, Services, Replicas, Executions, ExecutionIndex, IdempotencyKeys, DeadLetters, Triggers, TriggerOnce })
        {
            await table.CreateIfNotExistsAsync(cancellationToken);
        }

        await Codebases.CreateIfNotExistsAsync(cancellationToken);
        await Payloads.CreateIfNotExistsAsync(cancellationToken);
    }
}
