using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.Domain.Tests.Services;

public sealed class ServiceAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Check_ActiveWithoutVerdict_TakesWork() => Assert.Null(ServiceAvailability.Check(Service(active: true, version: 1), null));

    [Fact]
    public void Check_Stopped_IsInactive() =>
        Assert.Equal(ServiceState.Inactive, ServiceAvailability.Check(Service(active: false, version: 1), null)?.Status);

    [Fact]
    public void Check_CurrentVersionFailed_IsErrorWithTheInitError()
    {
        var refusal = ServiceAvailability.Check(Service(active: true, version: 2), Failed(version: 2));

        Assert.Equal(ServiceState.Error, refusal?.Status);
        Assert.Contains("ZeroDivisionError: division by zero", refusal!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OlderVersionFailed_TakesWorkWhileTheNewOneStarts() =>
        Assert.Null(ServiceAvailability.Check(Service(active: true, version: 3), Failed(version: 2)));

    private static DeploymentStatus Failed(int version) =>
        new("s1", version, 1, Failed: true, "Init failed 2 times in a row", new ErrorInfo("ZeroDivisionError", "division by zero", null), "s1-v2-r0", Now);

    private static Service Service(bool active, int version) => new(
        "s1",
        "p1",
        "svc",
        new ServiceSpec("pk", "pkg", 1, "m", new Dictionary<string, System.Text.Json.JsonElement>(), new ServiceRuntime(false, 1, 1, null, null), 3, 60, 30, OnReset.Rerun, "bot"),
        active,
        Deleting: false,
        version,
        Now,
        Now,
        "creator",
        "etag");
}
