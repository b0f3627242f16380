namespace Faas.Serverless.AzureStorage;

public enum TableUpdateMode
{
    /// <summary>Properties not in the entity are kept.</summary>
    Merge,

    /// <summary>Properties not in the entity are removed.</summary>
    Replace,
}

public enum TableTransactionActionType
{
    Add,
    UpdateMerge,
    UpdateReplace,
    UpsertMerge,
    UpsertReplace,
    Delete,
}

public sealed record TablePage(IReadOnlyList<TableEntity> Entities, TableContinuation? Continuation);

/// <summary>One operation of an entity group transaction. A null <paramref name="IfMatch"/> means "*" for updates and deletes.</summary>
public sealed record TableTransactionAction(TableTransactionActionType Type, TableEntity Entity, string? IfMatch = null);

/// <summary>Outcome of one transaction operation: the entity's new ETag (null for deletes).</summary>
public sealed record TableTransactionResult(string? ETag);
