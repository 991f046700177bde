using LoguStyle.Sinks;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

public class LoguruExtensionsTests
{
    private readonly List<LogRecord> _records = [];
    private readonly List<string> _lines = [];

    private LoguStyleLoggerProvider Provider(string format = "{message} {extra[UserId]} {extra[Tenant]} {extra[RequestId]}")
    {
        var text = DelegateSinkOptions.ForText("text", _lines.Add);
        text.Format = format;
        return new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("records", _records.Add), text } });
    }

    [Fact]
    public void Bind_NameAndValue_AddsThePropertyToEveryRecordOfThatLogger()
    {
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("c");
            var bound = logger.Bind("UserId", 42);
            bound.LogInformation("one");
            bound.LogWarning("two");
            logger.LogInformation("unbound");
        }

        Assert.Equal(["one 42  \n", "two 42  \n", "unbound   \n"], _lines);
        Assert.True(_records[0].TryGetProperty("UserId", out var userId));
        Assert.Equal(42, userId);
        Assert.False(_records[2].TryGetProperty("UserId", out _));
    }

    [Fact]
    public void Bind_AnonymousObjectOrDictionary_BindsEachProperty()
    {
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("c");
            logger.Bind(new { UserId = 7, Tenant = "acme" }).LogInformation("object");
            logger.Bind(new Dictionary<string, object?> { ["Tenant"] = "globex" }).Bind("UserId", 8).LogInformation("chained");
        }

        Assert.Equal(["object 7 acme \n", "chained 8 globex \n"], _lines);
    }

    [Fact]
    public void BindAndContextualize_TypedAsObject_ReadTheRuntimeType_ATypedValueItsStaticType()
    {
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("c");
            object boxed = new { UserId = 9 };
            logger.Bind(boxed).LogInformation("object");
            using (logger.Contextualize(boxed))
            {
                logger.LogInformation("scope");
            }

            // The generic overload reads T (what the trimmer keeps), so a Derived passed as a Base binds Base's properties.
            Account typed = new TenantAccount();
            logger.Bind(typed).LogInformation("static");
        }

        Assert.Equal(["object 9  \n", "scope 9  \n", "static 1  \n"], _lines);
    }

    [Fact]
    public void Bind_DisabledLevel_WritesNothingAndOpensNoScope()
    {
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { new DelegateSinkOptions("r", _records.Add) { Level = LogLevel.Warning } } }))
        {
            var bound = provider.CreateLogger("c").Bind("UserId", 1);
            Assert.False(bound.IsEnabled(LogLevel.Information));
            bound.LogInformation("hidden");
        }

        Assert.Empty(_records);
    }

    [Fact]
    public async Task Contextualize_FlowsAcrossAwaitAndToOtherLoggers()
    {
        using (var provider = Provider())
        {
            var logger = provider.CreateLogger("c");
            var other = provider.CreateLogger("other");
            using (logger.Contextualize("RequestId", "r-1"))
            {
                await Task.Yield();
                other.LogInformation("after await");
                await Task.Run(() => other.LogInformation("in a task"));
            }

            logger.LogInformation("outside");
        }

        Assert.Equal(["after await   r-1\n", "in a task   r-1\n", "outside   \n"], _lines);
    }

    [Fact]
    public async Task Contextualize_AcrossAwait_ReachesJsonScopes()
    {
        var json = new List<string>();
        var sink = DelegateSinkOptions.ForText("json", json.Add);
        sink.Serialize = true;
        using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { sink } }))
        {
            var logger = provider.CreateLogger("c");
            using (logger.Contextualize(new { RequestId = "r-9", Attempt = 2 }))
            {
                await Task.Yield();
                await Task.Run(() => logger.LogInformation("inside"));
            }
        }

        using var document = System.Text.Json.JsonDocument.Parse(Assert.Single(json));
        var scope = document.RootElement.GetProperty("scopes")[0];
        Assert.Equal("r-9", scope.GetProperty("RequestId").GetString());
        Assert.Equal(2, scope.GetProperty("Attempt").GetInt32());
    }

    [Fact]
    public void Contextualize_Object_IsOneScopeWithItsValues()
    {
        using (var provider = Provider("{scopes} | {message}"))
        {
            var logger = provider.CreateLogger("c");
            using (logger.Contextualize(new { RequestId = 5, Path = "/orders" }))
            {
                logger.LogInformation("inside");
            }
        }

        Assert.Equal(["RequestId=5, Path=/orders | inside\n"], _lines);
    }

    [Fact]
    public void Catch_Exception_IsLoggedWithCallerAndSwallowed()
    {
        using (var provider = Provider("{level} {message}"))
        {
            provider.CreateLogger("c").Catch(() => throw new InvalidOperationException("boom"));
        }

        var record = Assert.Single(_records);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal($"An error has been caught in {nameof(Catch_Exception_IsLoggedWithCallerAndSwallowed)}", record.Message);
        Assert.Equal("boom", record.Exception?.Message);
        Assert.Contains("System.InvalidOperationException: boom", _lines[0], StringComparison.Ordinal);

        // The calling member is in the message, not a caller of the record (docs/api.md, caller info).
        Assert.Null(record.CallerFunction);
    }

    [Fact]
    public void Catch_Func_ReturnsItsValueOrTheDefault()
    {
        using var provider = Provider();
        var logger = provider.CreateLogger("c");

        Assert.Equal(5, logger.Catch(() => 5, defaultValue: -1));
        Assert.Equal(-1, logger.Catch<int>(() => throw new FormatException("bad"), defaultValue: -1, level: LogLevel.Warning, message: "Parsing failed in {Caller}"));
        Assert.Equal(LogLevel.Warning, Assert.Single(_records).Level);
        Assert.StartsWith("Parsing failed in ", _records[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catch_Reraise_LogsThenRethrows()
    {
        using var provider = Provider();
        var logger = provider.CreateLogger("c");

        var ex = Assert.Throws<InvalidOperationException>(() => logger.Catch(() => throw new InvalidOperationException("again"), reraise: true));

        Assert.Equal("again", ex.Message);
        Assert.Same(ex, Assert.Single(_records).Exception);
    }

    [Fact]
    public async Task CatchAsync_LogsWhatEscapesTheTask()
    {
        using var provider = Provider();
        var logger = provider.CreateLogger("c");

        await logger.CatchAsync(async () =>
        {
            await Task.Yield();
            throw new TimeoutException("late");
        });
        var value = await logger.CatchAsync(() => Task.FromResult(3), defaultValue: 0);
        var fallback = await logger.CatchAsync<int>(() => Task.FromException<int>(new IOException("disk")), defaultValue: 9);

        Assert.Equal(3, value);
        Assert.Equal(9, fallback);
        Assert.Equal(["late", "disk"], _records.Select(r => r.Exception!.Message));
    }

    private class Account
    {
        public int UserId { get; } = 1;
    }

    private sealed class TenantAccount : Account
    {
        public string Tenant { get; } = "derived";
    }
}
