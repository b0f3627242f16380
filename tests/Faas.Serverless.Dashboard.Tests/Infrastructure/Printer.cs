using Faas.Serverless.Client;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>
/// A real Python package deployed once per run through the API: <c>count</c> prints a line and reports progress
/// per step, slowly enough for the page to watch it run; <c>tag</c> takes an event's item. The fixture deploys it
/// once, for the tests that need a service set up through the API.
/// </summary>
public static class Printer
{
    public const string Main = """
        import time

        import faas


        class ServiceRunner(faas.BaseServiceRunner):
            def count(self, steps: int, progress: faas.Progress):
                for step in range(steps):
                    print(f"line {step}", flush=True)
                    progress.update(progress=(step + 1) * 100 // steps, message=f"step {step + 1} of {steps}")
                    time.sleep(0.5)
                return {"counted": steps}

            def tag(self, item):
                return {"id": item.id}
        """;

    public const string Schema = """
        {
          "name": "printer",
          "modules": [
            {
              "functions": [
                { "name": "count", "displayName": "Count slowly", "input": [{ "name": "steps", "type": "Integer" }] },
                { "name": "tag", "input": [{ "name": "item", "type": "Item" }] }
              ]
            }
          ]
        }
        """;

    /// <summary>Pushes and deploys the printer and waits until it is Active.</summary>
    public static async Task<Service> DeployAsync(Tenant tenant)
    {
        var service = await Packages.PushAndDeployAsync(tenant, Schema, Main, "printer");
        await WaitForActiveAsync(tenant.Client, tenant.ProjectId, service.Id);
        return service;
    }

    private static async Task WaitForActiveAsync(FaasClient client, string project, string serviceId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        ServiceStatus status;
        while ((status = await client.GetServiceStatusAsync(project, serviceId)).Status != "Active")
        {
            Assert.True(DateTime.UtcNow < deadline, $"Service {serviceId} is still {status.Status}: {status.Note} {status.Error}");
            await Task.Delay(200);
        }
    }
}
