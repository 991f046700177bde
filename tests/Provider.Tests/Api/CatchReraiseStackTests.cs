using System.Runtime.CompilerServices;
using LoguStyle.Files;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// <c>Catch(..., reraise: true)</c> logs from its filter and lets the exception go on; the runtime then adds to its
/// stack the frames it passes through. Every sink, direct or enqueued, text or any JSON format, writes the stack as it
/// stood when Catch caught it: the thrower's frames, not the frame that catches the rethrown exception (api.md). An
/// enqueued sink used to read the stack later, after the rethrow, and wrote the extra frame most of the time.
/// </summary>
public sealed class CatchReraiseStackTests
{
    private const int Calls = 200;

    [Fact]
    public void Catch_Reraise_EverySinkDirectOrEnqueued_WritesTheThrowersFramesOnly()
    {
        using var folder = new TempFolder();
        var options = new LoguStyleLoggerOptions();
        var files = new List<string>();
        foreach (var enqueued in new[] { false, true })
        {
            var text = folder.File($"text-{enqueued}.log");
            options.Sinks.Add(new FileSinkOptions(text) { Format = "{message}{exception}", Enqueue = enqueued });
            files.Add(text);
            foreach (var format in new[] { JsonFormat.LoguStyle, JsonFormat.Clef, JsonFormat.Ecs, JsonFormat.Otel })
            {
                var json = folder.File($"{format}-{enqueued}.json");
                options.Sinks.Add(new FileSinkOptions(json) { Serialize = true, JsonFormat = format, Enqueue = enqueued });
                files.Add(json);
            }
        }

        using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("Catch.Reraise");
            for (var i = 0; i < Calls; i++)
            {
                CatchesTheRethrow(logger);
            }
        }

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.Equal((Path.GetFileName(file), Calls, 0), (Path.GetFileName(file), Count(text, nameof(Thrower)), Count(text, nameof(CatchesTheRethrow))));
        }
    }

    // A frame names its method with its parameters, "Name(": the message names Catch's caller without them.
    private static int Count(string text, string name) => text.Split(name + "(").Length - 1;

    // The frame the rethrown exception reaches after Catch: not part of the stack Catch logged.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CatchesTheRethrow(ILogger logger)
    {
        try
        {
            logger.Catch(Thrower, reraise: true);
        }
        catch (InvalidOperationException)
        {
            // Expected: Catch rethrew it.
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Thrower() => throw new InvalidOperationException("thrown");
}
