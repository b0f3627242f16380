using Faas.Serverless.Domain.Services;

namespace Faas.Serverless.ContainerApps.Tests;

public sealed class JobPlannerTests
{
    private const string QueueName = "work-x";

    [Fact]
    public void Plan_GpuService_GetsNoJobAndNamesWhy()
    {
        var plan = JobPlanner.Plan(TestServices.Service(new ServiceRuntime(true, 1, 6, null, null)), TestServices.Options, QueueName);

        Assert.Null(plan.Job);
        Assert.Equal("NoGpuAvailable", plan.Error?.Type);
    }

    [Fact]
    public void Plan_AutoscalerWithNoReplicas_GetsNoJobAndANote()
    {
        var plan = JobPlanner.Plan(TestServices.Service(new ServiceRuntime(false, 0, 6, null, new AutoscalerSpec(0, 0, 1, 60))), TestServices.Options, QueueName);

        Assert.Null(plan.Job);
        Assert.Null(plan.Error);
        Assert.NotNull(plan.Note);
    }

    [Fact]
    public void Plan_FixedReplicas_KeepsExactlyThatManyExecutions()
    {
        var job = JobPlanner.Plan(TestServices.Service(new ServiceRuntime(false, 3, 6, null, null)), TestServices.Options, QueueName).Job!;

        Assert.Equal((3, 3, 1), (job.MinExecutions, job.MaxExecutions, job.QueueLength));
    }

    [Fact]
    public void Plan_Autoscaler_TakesMinMaxAndQueueLengthFromIt()
    {
        var job = JobPlanner.Plan(TestServices.Service(new ServiceRuntime(false, 1, 6, null, new AutoscalerSpec(1, 8, 5, 60))), TestServices.Options, QueueName).Job!;

        Assert.Equal((1, 8, 5), (job.MinExecutions, job.MaxExecutions, job.QueueLength));
    }

    [Fact]
    public void Plan_CallsLongerThanTheReplicaTimeout_StretchTheTimeoutToTheirTimeoutPlusDrain()
    {
        var service = TestServices.Service();
        service = service with { Spec = service.Spec with { ExecutionTimeout = 7200, DrainTime = 600 } };

        var job = JobPlanner.Plan(service, TestServices.Options, QueueName).Job!;

        Assert.Equal(7800, job.ReplicaTimeoutSeconds);
    }

    [Theory]
    [InlineData(null, "crfaas.azurecr.io/faas-serverless/runner:latest", "crfaas.azurecr.io")]
    [InlineData("crfaas.azurecr.io/team/runner-ml:1", "crfaas.azurecr.io/team/runner-ml:1", "crfaas.azurecr.io")]
    [InlineData("docker.io/example/runner:1", "docker.io/example/runner:1", null)]
    public void Plan_RunnerImage_PicksTheImageAndPullsWithTheIdentityOnlyFromOurRegistry(string? runnerImage, string image, string? registry)
    {
        var job = JobPlanner.Plan(TestServices.Service(new ServiceRuntime(false, 1, 6, runnerImage, null)), TestServices.Options, QueueName).Job!;

        Assert.Equal((image, registry), (job.Image, job.RegistryServer));
    }
}
