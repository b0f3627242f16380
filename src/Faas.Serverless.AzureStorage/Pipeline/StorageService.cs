namespace Faas.Serverless.AzureStorage.Pipeline;

internal enum StorageService
{
    Blob,
    Queue,
    Table,
}
