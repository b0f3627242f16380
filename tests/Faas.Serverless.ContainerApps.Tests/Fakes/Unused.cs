using System.Reflection;

namespace Faas.Serverless.ContainerApps.Tests.Fakes;

/// <summary>A dependency the code under test must never call: any call fails the test.</summary>
public class Unused : DispatchProxy
{
    public static T Of<T>()
        where T : class => Create<T, Unused>();

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new InvalidOperationException($"{targetMethod?.DeclaringType?.Name}.{targetMethod?.Name} was called; the test expects no call.");
}
