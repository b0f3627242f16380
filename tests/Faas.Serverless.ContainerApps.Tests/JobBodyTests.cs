using System.Text.Json.Nodes;
using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed class JobBodyTests
{
    private const string QueueName = "work-0199a1b2c3d4e5f60718293a4b5c6d7e";

    [Fact]
    public void Build_FixedReplicasDefaultImage_MatchesExpectedJson()
    {
        var plan = JobPlanner.Plan(TestServices.Service(), TestServices.Options, QueueName);

        ExpectedJson.Matches("job-fixed-replicas.json", JobBody.Build(plan.Job!, "runner-secret-1"));
    }

    [Fact]
    public void Build_AutoscalerAndOwnImage_MatchesExpectedJson()
    {
        var runtime = new ServiceRuntime(false, 1, 6, "docker.io/example/faas-runner-ml:2.1", new AutoscalerSpec(0, 5, 4, 120));
        var plan = JobPlanner.Plan(TestServices.Service(runtime, version: 3), TestServices.Options, QueueName);

        ExpectedJson.Matches("job-autoscaler-own-image.json", JobBody.Build(plan.Job!, "runner-secret-2"));
    }

    [Fact]
    public void Fingerprint_OnlyTheTokenDiffers_IsEqual()
    {
        var job = JobPlanner.Plan(TestServices.Service(), TestServices.Options, QueueName).Job!;

        var first = JobBody.Build(job, "one");
        var second = JobBody.Build(job, "two");

        Assert.Equal(first["tags"]![JobBody.SpecTag]!.GetValue<string>(), second["tags"]![JobBody.SpecTag]!.GetValue<string>());
        Assert.Equal(JobBody.Fingerprint(job), first["tags"]![JobBody.SpecTag]!.GetValue<string>());
    }

    [Fact]
    public void Fingerprint_NewServiceVersion_Differs()
    {
        var first = JobPlanner.Plan(TestServices.Service(version: 1), TestServices.Options, QueueName).Job!;
        var second = JobPlanner.Plan(TestServices.Service(version: 2), TestServices.Options, QueueName).Job!;

        Assert.NotEqual(JobBody.Fingerprint(first), JobBody.Fingerprint(second));
    }

    [Fact]
    public void Build_AnyService_GivesTheContainerNoSecretButTheRunnerToken()
    {
        var body = JobBody.Build(JobPlanner.Plan(TestServices.Service(), TestServices.Options, QueueName).Job!, "runner-secret-1");

        var configuration = body["properties"]!["configuration"]!;
        var secret = Assert.Single(configuration["secrets"]!.AsArray());
        Assert.Equal("runner-secret-1", secret!["value"]!.GetValue<string>());
        var container = Assert.Single(body["properties"]!["template"]!["containers"]!.AsArray())!;
        var env = Assert.Single(container["env"]!.AsArray())!;
        Assert.Equal(JobBody.TokenSecret, env["secretRef"]!.GetValue<string>());
        var identity = Assert.Single(configuration["identitySettings"]!.AsArray())!;
        Assert.Equal("None", identity["lifecycle"]!.GetValue<string>());
        Assert.DoesNotContain("runner-secret-1", container.ToJsonString(), StringComparison.Ordinal);
    }
}
