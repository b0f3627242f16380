namespace Faas.Serverless.Domain.Common;

public static class Ids
{
    /// <summary>Time-ordered ids sort by creation in table row keys, which keeps listings in a natural order.</summary>
    public static string New() => Guid.CreateVersion7().ToString("N");
}
