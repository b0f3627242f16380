using System.IO.Compression;
using System.Text;
using Faas.Serverless.Client.Models;

namespace Faas.Serverless.Dashboard.Tests.Infrastructure;

/// <summary>Real Python packages built in memory and set up through the API, for the tests that are not about pushing.</summary>
public static class Packages
{
    /// <summary>Pushes a one-file package and deploys it as a service with one replica, without waiting for it.</summary>
    public static async Task<Service> PushAndDeployAsync(Tenant tenant, string schema, string main, string serviceName)
    {
        using var zip = Zip(main);
        var pushed = await tenant.Client.PushPackageAsync(tenant.ProjectId, schema, zip);
        return await tenant.Client.DeployServiceAsync(tenant.ProjectId, new DeployServiceRequest(serviceName, PackageId: pushed.Package.Id));
    }

    private static MemoryStream Zip(string main)
    {
        var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("main.py").Open(), new UTF8Encoding(false));
            writer.Write(main);
        }

        buffer.Position = 0;
        return buffer;
    }
}
