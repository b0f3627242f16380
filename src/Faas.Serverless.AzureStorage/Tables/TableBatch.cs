using System.Globalization;
using System.Text;
using Azure.Core;
using Faas.Serverless.AzureStorage.Pipeline;

namespace Faas.Serverless.AzureStorage.Tables;

/// <summary>
/// Entity group transactions: one <c>$batch</c> request holding one changeset. Each operation is an embedded
/// HTTP request with an absolute URL, CRLF line endings and a one-line JSON body (Azurite insists on all three).
/// </summary>
internal static class TableBatch
{
    private const int MaxOperations = 100;
    private const string Crlf = "\r\n";

    public static async Task<IReadOnlyList<TableTransactionResult>> SubmitAsync(
        StoragePipeline pipeline, string table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        Validate(actions);
        var batchBoundary = "batch_" + Guid.NewGuid().ToString("N");
        var body = Write(pipeline, table, actions, batchBoundary, "changeset_" + Guid.NewGuid().ToString("N"));

        using var message = TableRequests.Create(pipeline, RequestMethod.Post, "/$batch");
        message.Request.Headers.SetValue("Content-Type", $"multipart/mixed; boundary={batchBoundary}");
        message.Request.Content = RequestContent.Create(body);
        var response = await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        if (response.IsError)
        {
            var error = await StorageErrors.FromResponseAsync(response, cancellationToken).ConfigureAwait(false);
            throw new TableTransactionFailedException(error.Status, error.ErrorCode, null, error.Message);
        }

        var parts = TableBatchResponse.Parse(response.Content.ToString());
        var failure = parts.FirstOrDefault(part => part.Status >= 400);
        if (failure is not null)
        {
            throw TableBatchResponse.ToException(failure, parts.Count == 1 && actions.Count == 1 ? 0 : null);
        }

        if (parts.Count != actions.Count)
        {
            throw new TableTransactionFailedException(
                response.Status, null, null, $"The batch response has {parts.Count} results for {actions.Count} operations.");
        }

        return parts.Select(part => new TableTransactionResult(part.ETag)).ToList();
    }

    private static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxOperations)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxOperations} operations, not {actions.Count}.", nameof(actions));
        }

        var partitionKey = actions[0].Entity.PartitionKey;
        var rowKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            ArgumentNullException.ThrowIfNull(action, nameof(actions));
            if (!string.Equals(action.Entity.PartitionKey, partitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException("All operations of a transaction must target the same PartitionKey.", nameof(actions));
            }

            if (!rowKeys.Add(action.Entity.RowKey))
            {
                throw new ArgumentException($"RowKey '{action.Entity.RowKey}' appears more than once in the transaction.", nameof(actions));
            }
        }
    }

    private static byte[] Write(
        StoragePipeline pipeline, string table, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        var text = new StringBuilder();
        text.Append("--").Append(batchBoundary).Append(Crlf)
            .Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append(Crlf)
            .Append(Crlf);
        for (var i = 0; i < actions.Count; i++)
        {
            WriteOperation(text, pipeline, table, actions[i], changesetBoundary, i + 1);
        }

        text.Append("--").Append(changesetBoundary).Append("--").Append(Crlf)
            .Append("--").Append(batchBoundary).Append("--").Append(Crlf);
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static void WriteOperation(
        StringBuilder text, StoragePipeline pipeline, string table, TableTransactionAction action, string changesetBoundary, int contentId)
    {
        var entity = action.Entity;
        var (method, path, ifMatch) = action.Type switch
        {
            TableTransactionActionType.Add => ("POST", "/" + table, null),
            TableTransactionActionType.UpdateMerge => ("PATCH", TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*"),
            TableTransactionActionType.UpdateReplace => ("PUT", TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*"),
            TableTransactionActionType.UpsertMerge => ("PATCH", TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), null),
            TableTransactionActionType.UpsertReplace => ("PUT", TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), null),
            TableTransactionActionType.Delete => ("DELETE", TableKeys.EntityPath(table, entity.PartitionKey, entity.RowKey), action.IfMatch ?? "*"),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.Type, "Unknown transaction action type."),
        };

        text.Append("--").Append(changesetBoundary).Append(Crlf)
            .Append("Content-Type: application/http").Append(Crlf)
            .Append("Content-Transfer-Encoding: binary").Append(Crlf)
            .Append(Crlf)
            .Append(method).Append(' ').Append(pipeline.AbsoluteUri(path)).Append(" HTTP/1.1").Append(Crlf)
            .Append("Accept: ").Append(TableRequests.Accept).Append(Crlf)
            .Append("DataServiceVersion: ").Append(TableRequests.DataServiceVersion).Append(Crlf)
            .Append("Content-ID: ").Append(contentId.ToString(CultureInfo.InvariantCulture)).Append(Crlf);
        if (ifMatch is not null)
        {
            text.Append("If-Match: ").Append(ifMatch).Append(Crlf);
        }

        if (action.Type == TableTransactionActionType.Delete)
        {
            text.Append(Crlf);
            return;
        }

        text.Append("Content-Type: application/json").Append(Crlf)
            .Append("Prefer: return-no-content").Append(Crlf)
            .Append(Crlf)
            .Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity))).Append(Crlf);
    }
}
