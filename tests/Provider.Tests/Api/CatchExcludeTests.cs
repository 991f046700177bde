using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// Catch's <c>exclude</c> and <c>onError</c> (Loguru's <c>logger.catch(exclude=..., onerror=...)</c>) in all four forms,
/// seen in a file sink and a delegate sink.
/// </summary>
public sealed class CatchExcludeTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<LogRecord> _records = [];
    private readonly LoguStyleLoggerProvider _provider;
    private readonly string _path;

    public CatchExcludeTests()
    {
        _path = _folder.File("app.log");
        _provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks = { new FileSinkOptions(_path) { Format = "{message}|{exception}", AutoFlush = true }, new DelegateSinkOptions("records", _records.Add) },
            },
            TimeProvider.System,
            TextWriter.Null);
    }

    public void Dispose()
    {
        _provider.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task Exclude_ExcludedTypeOrSubtype_IsRethrownUnloggedInEveryForm()
    {
        var logger = _provider.CreateLogger("c");
        var calls = new List<Exception>();

        Assert.Throws<ArgumentNullException>(() => logger.Catch(() => throw new ArgumentNullException("a"), exclude: typeof(ArgumentException), onError: calls.Add));
        Assert.Throws<ArgumentException>(() => logger.Catch<int>(() => throw new ArgumentException("b"), defaultValue: 0, exclude: typeof(ArgumentException), onError: calls.Add));
        await Assert.ThrowsAsync<ArgumentException>(() => logger.CatchAsync(() => throw new ArgumentException("c"), exclude: typeof(ArgumentException), onError: calls.Add));
        await Assert.ThrowsAsync<ArgumentException>(() => logger.CatchAsync<int>(() => Task.FromException<int>(new ArgumentException("d")), defaultValue: 0, exclude: typeof(ArgumentException), onError: calls.Add));

        Assert.Empty(_records);
        Assert.Empty(calls);
        Assert.Equal("", File.ReadAllText(_path));
    }

    [Fact]
    public async Task OnError_OtherType_IsLoggedThenPassedToOnErrorThenSwallowedInEveryForm()
    {
        var logger = _provider.CreateLogger("c");
        var seen = new List<(string Message, int RecordsLogged)>();
        void OnError(Exception ex) => seen.Add((ex.Message, _records.Count));

        logger.Catch(() => throw new InvalidOperationException("a"), exclude: typeof(ArgumentException), onError: OnError);
        var b = logger.Catch<int>(() => throw new InvalidOperationException("b"), defaultValue: 7, exclude: typeof(ArgumentException), onError: OnError);
        await logger.CatchAsync(() => throw new InvalidOperationException("c"), exclude: typeof(ArgumentException), onError: OnError);
        var d = await logger.CatchAsync<int>(() => Task.FromException<int>(new InvalidOperationException("d")), defaultValue: 8, onError: OnError);

        Assert.Equal((7, 8), (b, d));
        Assert.Equal([("a", 1), ("b", 2), ("c", 3), ("d", 4)], seen);
        Assert.Equal(["a", "b", "c", "d"], _records.Select(record => record.Exception!.Message));
        Assert.Equal(4, File.ReadAllLines(_path).Count(line => line.StartsWith("System.InvalidOperationException: ", StringComparison.Ordinal)));
    }

    [Fact]
    public void OnError_WithReraise_IsCalledAfterLoggingThenTheSameExceptionIsRethrown()
    {
        var logger = _provider.CreateLogger("c");
        Exception? passed = null;

        var thrown = Assert.Throws<InvalidOperationException>(() => logger.Catch(() => throw new InvalidOperationException("x"), reraise: true, onError: ex => passed = ex));

        Assert.Same(thrown, passed);
        Assert.Same(thrown, Assert.Single(_records).Exception);
    }

    [Fact]
    public void OnError_Throws_ItsExceptionReachesTheCallerAfterTheRecordIsLogged()
    {
        var logger = _provider.CreateLogger("c");

        var thrown = Assert.Throws<TimeoutException>(() => logger.Catch(() => throw new InvalidOperationException("x"), onError: _ => throw new TimeoutException("from onError")));

        Assert.Equal("from onError", thrown.Message);
        Assert.Equal("x", Assert.Single(_records).Exception!.Message);
    }

    [Fact]
    public async Task Cancellation_PassesThroughEveryForm_Unlogged_OnErrorNotCalled()
    {
        // Loguru's catch lets asyncio's CancelledError through (it is no Exception there): a cancelled operation is
        // not an error to log, and swallowing it would make the caller carry on as if the work had been done.
        var logger = _provider.CreateLogger("c");
        var calls = new List<Exception>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.Throws<OperationCanceledException>(() => logger.Catch(() => cancelled.Token.ThrowIfCancellationRequested(), onError: calls.Add));
        Assert.Throws<TaskCanceledException>(() => logger.Catch<int>(() => throw new TaskCanceledException(), defaultValue: 0, onError: calls.Add));
        await Assert.ThrowsAsync<TaskCanceledException>(() => logger.CatchAsync(() => Task.FromCanceled(cancelled.Token), onError: calls.Add));
        await Assert.ThrowsAsync<TaskCanceledException>(() => logger.CatchAsync<int>(() => Task.FromCanceled<int>(cancelled.Token), defaultValue: 0, onError: calls.Add));
        await Assert.ThrowsAsync<OperationCanceledException>(() => logger.CatchAsync(() => throw new OperationCanceledException(), reraise: true, onError: calls.Add));

        Assert.Empty(_records);
        Assert.Empty(calls);
        Assert.Equal("", File.ReadAllText(_path));
    }

    [Theory]
    [InlineData("Failed {Thing} at {Caller}", "Failed {Thing} at Hole|Caller=Hole")]
    [InlineData("{Caller} failed", "Hole failed|Caller=Hole")]
    [InlineData("In {Caller}: {A,5} and {B:x} and {Caller}", "In Hole: {A,5} and {B:x} and Hole|Caller=Hole,Caller=Hole")]
    [InlineData("No caller {Here}", "No caller {Here}|")]
    [InlineData("Braces {{Caller}} then {Caller}", "Braces {Caller} then Hole|Caller=Hole")]
    [InlineData("Nothing to fill", "Nothing to fill|")]
    public void Message_FillsTheCallerHoleByName_OtherHolesStayAsWritten(string message, string expected)
    {
        var logger = _provider.CreateLogger("c");

        logger.Catch(() => throw new InvalidOperationException("x"), message: message, caller: "Hole");

        var record = Assert.Single(_records);
        var properties = string.Join(",", record.Properties.Where(p => p.Key != "{OriginalFormat}").Select(p => $"{p.Key}={p.Value}"));
        Assert.Equal(expected, $"{record.Message}|{properties}");
    }

    [Fact]
    public async Task CaughtException_TextAndJsonStack_ShowTheThrower_NotCatchsOwnFrames()
    {
        var logger = _provider.CreateLogger("c");
        var caught = new List<Exception>();

        logger.Catch(Thrower, onError: caught.Add);
        logger.Catch<int>(() => { Thrower(); return 1; }, defaultValue: 0, onError: caught.Add);
        await logger.CatchAsync(() => { Thrower(); return Task.CompletedTask; }, onError: caught.Add);
        await logger.CatchAsync<int>(async () => { await Task.Yield(); Thrower(); return 1; }, defaultValue: 0, onError: caught.Add);

        Assert.Equal(4, caught.Count);
        var texts = caught.Select(ex => LoguStyle.Formatting.ExceptionText.Plain(ex)).Append(File.ReadAllText(_path));
        Assert.All(texts, text =>
        {
            Assert.Contains(nameof(Thrower), text, StringComparison.Ordinal);
            Assert.DoesNotContain("LoguStyle.Pipeline.CatchFrames", text, StringComparison.Ordinal);
            Assert.DoesNotContain("LoguStyle.LoguruExtensions", text, StringComparison.Ordinal);
        });
        Assert.All(caught, ex => Assert.DoesNotContain("CatchFrames", LoguStyle.Formatting.ExceptionText.Stack(ex), StringComparison.Ordinal));
    }

    [Fact]
    public void Exclude_NotAnExceptionType_ThrowsNamingIt()
    {
        var logger = _provider.CreateLogger("c");

        var error = Assert.Throws<ArgumentException>(() => logger.Catch(() => { }, exclude: typeof(string)));

        Assert.Equal("exclude", error.ParamName);
        Assert.Contains("'System.String' is not an exception type", error.Message, StringComparison.Ordinal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Thrower() => throw new InvalidOperationException("thrown");
}
