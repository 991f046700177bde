using System.Globalization;
using LoguStyle.Formatting;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Formatting;

#pragma warning disable CA2023 // Templates MEL refuses (a stray brace) are what is measured.

/// <summary>
/// <see cref="MessageTemplate"/>'s cache, filled once for the tests of a full cache (<see cref="MessageTemplateCacheTests"/>),
/// and what a logging call into a direct JSON file sink cost before it was filled. The cache is the process's, so the
/// tests that use this run alone.
/// </summary>
public sealed class FullTemplateCache : IDisposable
{
    private readonly TempFolder _folder = new();

    public FullTemplateCache()
    {
        // A JSON file keeps the template; templates outside the plain form (escapes, a stray brace) take the path that
        // asks whether MEL accepts them. Without values, MEL's call allocates only its state's box.
        Provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions
        {
            Sinks = { new FileSinkOptions(_folder.File("before-and-after.json")) { Serialize = true } },
        });
        Logger = Provider.CreateLogger("c");
        AcceptedBefore = BytesPerCall(() => Logger.LogInformation("Escaped {{a}} value"));
        RefusedBefore = BytesPerCall(() => Logger.LogInformation("Stray } a value"));

        // More distinct templates than the cache holds, none in the plain form (escaped braces), so that both readings
        // of each are asked for and kept as far as the cache goes.
        for (var i = 0; i < (2 * MessageTemplate.MaxCached) + 1; i++)
        {
            Assert.NotNull(MessageTemplate.ForMel(string.Concat("Filler ", i.ToString(CultureInfo.InvariantCulture), " {{x}} {A}")));
        }
    }

    /// <summary>A logger whose one sink is a direct JSON file.</summary>
    public ILogger Logger { get; }

    /// <summary>Bytes per call of <c>LogInformation("Escaped {{a}} value")</c>, a template MEL accepts, before the filling.</summary>
    public long AcceptedBefore { get; }

    /// <summary>Bytes per call of <c>LogInformation("Stray } a value")</c>, a template MEL refuses, before the filling.</summary>
    public long RefusedBefore { get; }

    private LoguStyleLoggerProvider Provider { get; }

    /// <summary>The least bytes per call of five rounds of 200 calls, after 20 calls of warm-up.</summary>
    public static long BytesPerCall(Action call)
    {
        for (var i = 0; i < 20; i++)
        {
            call();
        }

        var least = long.MaxValue;
        for (var round = 0; round < 5; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 200; i++)
            {
                call();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least / 200;
    }

    public void Dispose()
    {
        Provider.Dispose();
        _folder.Dispose();
    }
}
