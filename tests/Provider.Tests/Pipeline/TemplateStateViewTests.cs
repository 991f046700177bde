using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A template call's state is read through the logging thread's view of it (StateList), not boxed: a call logged from
/// inside another (an argument's ToString) gets a view of its own, so neither call's values are read from the other's
/// state, in every sink kind whose records live no longer than the call, and in a pooled queue's.
/// </summary>
public sealed class TemplateStateViewTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("direct.log")]
    [InlineData("wait.log")]
    [InlineData("app.json")]
    [InlineData("drop-oldest.log")]
    [InlineData("direct.log+wait.log+app.json")]
    public async Task ACallLoggedFromAnArgumentsToString_AndTheCallAroundIt_EachRenderTheirOwnValues(string sinks)
    {
        SinkOptions[] all =
        [
            new FileSinkOptions(_folder.File("direct.log")) { Format = "{message}" },
            new FileSinkOptions(_folder.File("wait.log")) { Format = "{message}", Enqueue = true },
            new FileSinkOptions(_folder.File("app.json")) { Serialize = true, Enqueue = true },
            new FileSinkOptions(_folder.File("drop-oldest.log")) { Format = "{message}", Enqueue = true, QueueFullMode = QueueFullMode.DropOldest },
        ];
        var names = sinks.Split('+');
        var options = new LoguStyleLoggerOptions();
        foreach (var sink in all.Cast<FileSinkOptions>().Where(s => names.Contains(Path.GetFileName(s.Path))))
        {
            options.Sinks.Add(sink);
        }

        await using (var provider = new LoguStyleLoggerProvider(options))
        {
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 3; i++)
            {
                logger.LogInformation("outer {First} {Second} {Third}", new LogsWhenRead(logger, i), 40 + i, "tail" + i);
                logger.LogInformation("after {Only}", i);
            }
        }

        foreach (var name in names)
        {
            var messages = name.EndsWith(".json", StringComparison.Ordinal)
                ? File.ReadAllLines(_folder.File(name)).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("message").GetString()!).ToList()
                : [.. File.ReadAllLines(_folder.File(name))];
            // Each call once, and the inner call once each time its argument is read (a JSON line reads it for the message
            // and again for its property); no line with values of another call.
            string[] expected = [.. Enumerable.Range(0, 3).SelectMany(i => new[] { $"outer read{i} {40 + i} tail{i}", $"inner p{i} {100 + i}", $"after {i}" })];
            Assert.All(messages, m => Assert.Contains(m, expected));
            for (var i = 0; i < 3; i++)
            {
                Assert.Single(messages, $"outer read{i} {40 + i} tail{i}");
                Assert.Single(messages, $"after {i}");
                Assert.Contains($"inner p{i} {100 + i}", messages);
            }
        }
    }

    private sealed class LogsWhenRead(ILogger logger, int i)
    {
        public override string ToString()
        {
            logger.LogInformation("inner {X} {Y}", "p" + i, 100 + i);
            return "read" + i;
        }
    }
}
