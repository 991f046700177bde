using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>
/// A builder's <c>Patch</c> in a host sees the caller a Loguru-style call was given, as the sinks write it, beside a
/// direct text sink and an enqueued JSON file (outside20b D5, reported from such a host).
/// </summary>
public sealed class HostPatchCallerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task BuilderPatch_SeesTheCallerOfALoguruStyleCall_TheSameTheSinksWrite()
    {
        var seen = new ConcurrentQueue<string>();
        var lines = new ConcurrentQueue<string>();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddLoguStyle(log => log
            .Patch(r => seen.Enqueue($"{r.Message}|{r.CallerFunction}|{r.CallerLine}"))
            .AddTextSink(lines.Enqueue, "{message}|{function}|{line}")
            .AddFile(_folder.File("p.json"), serialize: true, enqueue: true));
        int line;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.Patch");
            line = LineOf() + 1;
            logger.Info($"patched {1}");
            logger.Success($"patched {2}");
            await host.StopAsync();
        }

        var caller = nameof(BuilderPatch_SeesTheCallerOfALoguruStyleCall_TheSameTheSinksWrite);
        string[] expected = [$"patched 1|{caller}|{line}", $"patched 2|{caller}|{line + 1}"];
        Assert.Equal(expected, lines.Select(l => l.TrimEnd('\n')).Where(l => l.StartsWith("patched", StringComparison.Ordinal)));
        Assert.Equal(expected, seen.Where(l => l.StartsWith("patched", StringComparison.Ordinal)));
    }

    private static int LineOf([CallerLineNumber] int line = 0) => line;
}
