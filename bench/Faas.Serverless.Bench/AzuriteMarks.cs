namespace Faas.Serverless.Bench;

/// <summary>
/// Marks a point in Azurite's request log with a request of its own (a read of a table that does not exist).
/// Azurite logs requests in the order it handles them, but stamps a line when it writes it, seconds late while it
/// is saturated, so windows are cut at marks in the log rather than at timestamps.
/// </summary>
internal sealed class AzuriteMarks(Uri tableEndpoint) : IDisposable
{
    public const string Prefix = "Tables('benchmark";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public static AzuriteMarks FromConnectionString(string connectionString)
    {
        var endpoint = connectionString.Split(';').Select(part => part.Split('=', 2)).First(pair => pair[0] == "TableEndpoint")[1];
        return new AzuriteMarks(new Uri(endpoint.TrimEnd('/') + "/"));
    }

    /// <summary>Returns once Azurite has answered, so every request it handled before is logged above the mark.</summary>
    public async Task MarkAsync(string name, CancellationToken cancellationToken = default)
    {
        using var response = await _http.GetAsync(new Uri(tableEndpoint, $"Tables('benchmark{name}')"), cancellationToken);
    }

    public void Dispose() => _http.Dispose();
}
