using System.Runtime.CompilerServices;

namespace LoguStyle.Testing;

/// <summary>
/// Test classes run in parallel, and several of them keep pool threads busy on purpose (tight producer loops, blocked
/// writers, hosts starting and stopping). On a 2-core machine the pool starts with 2 threads and adds more only slowly,
/// so one class could starve another's background writers for seconds. A higher minimum keeps them independent.
/// </summary>
internal static class TestThreadPool
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), Math.Max(completionPorts, 32));
    }
}
