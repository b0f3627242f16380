using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Faas.Serverless.Storage;

namespace Faas.Serverless.Stores;

/// <summary>The tables and containers the stores use, created once at start-up.</summary>
public sealed class StoreTables(TableServiceClient tables, BlobServiceClient blobs, StoreOptions options)
{
    public TableClient Organizations { get; } = tables.GetTableClient(options.TablePrefix + "organizations");

    public TableClient Users { get; } = tables.GetTableClient(options.TablePrefix + "users");

    public TableClient Projects { get; } = tables.GetTableClient(options.TablePrefix + "projects");

    public TableClient ApiKeys { get; } = tables.GetTableClient(options.TablePrefix + "apikeys");

    public TableClient Packages { get; } = tables.GetTableClient(options.TablePrefix + "packages");

    public TableClient Services { get; } = tables.GetTableClient(options.TablePrefix + "services");

    public TableClient Replicas { get; } = tables.GetTableClient(options.TablePrefix + "replicas");

    public TableClient Executions { get; } = tables.GetTableClient(options.TablePrefix + "executions");

    public TableClient ExecutionIndex { get; } = tables.GetTableClient(options.TablePrefix + "executionindex");

    public TableClient IdempotencyKeys { get; } = tables.GetTableClient(options.TablePrefix + "idempotencykeys");

    public TableClient DeadLetters { get; } = tables.GetTableClient(options.TablePrefix + "deadletters");

    public TableClient Triggers { get; } = tables.GetTableClient(options.TablePrefix + "triggers");

    public TableClient TriggerOnce { get; } = tables.GetTableClient(options.TablePrefix + "triggeronce");

    /// <summary>Project secrets, their values as ciphertext only.</summary>
    public TableClient Secrets { get; } = tables.GetTableClient(options.TablePrefix + "secrets");

    public BlobContainerClient Codebases { get; } = blobs.GetBlobContainerClient(options.CodebaseContainer);

    /// <summary>Large execution inputs and outputs; named after the table prefix, which is a valid container name once lower-cased.</summary>
    public BlobContainerClient Payloads { get; } = blobs.GetBlobContainerClient(options.TablePrefix.ToLowerInvariant() + "payloads");

    /// <summary>JSON documents too large for a table property (see <see cref="DocumentColumns"/>), named like <see cref="Payloads"/>.</summary>
    public BlobContainerClient Documents { get; } = blobs.GetBlobContainerClient(options.TablePrefix.ToLowerInvariant() + "documents");

    /// <summary>The Data Protection key ring that encrypts secrets, its keys sealed by a key kept outside storage; named like <see cref="Payloads"/>.</summary>
    public BlobContainerClient Keys { get; } = blobs.GetBlobContainerClient(options.TablePrefix.ToLowerInvariant() + "keys");

    public Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            async () =>
            {
                foreach (var table in new[] { Organizations, Users, Projects, ApiKeys, Packages, Services, Replicas, Executions, ExecutionIndex, IdempotencyKeys, DeadLetters, Triggers, TriggerOnce, Secrets })
                {
                    await table.CreateIfNotExistsAsync(cancellationToken);
                }

                foreach (var container in new[] { Codebases, Payloads, Documents, Keys })
                {
                    await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                }
            },
            "creating tables and containers");

    /// <summary>The JSON documents of <paramref name="table"/>'s entities, spilled to <see cref="Documents"/> when large.</summary>
    internal DocumentColumns DocumentsOf(TableClient table) => new(Documents, table);

    /// <summary>One point read: throws <see cref="Domain.Common.StorageUnavailableException"/> when storage does not answer.</summary>
    public Task CheckReachableAsync(CancellationToken cancellationToken = default) =>
        StorageFailure.TranslateAsync(
            () => Users.GetEntityIfExistsAsync<TableEntity>("health", "probe", cancellationToken: cancellationToken),
            "checking storage");
}
