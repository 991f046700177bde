using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// The caller a <c>CallerInfo: StackTrace</c> sink gets for the record <c>Catch</c> writes: the member that called
/// <c>Catch</c>, as <c>[CallerMemberName]</c> names it, with the file and line of the call, however deep the code that
/// threw (Catch logs from an exception filter, while the throwing methods are still on the stack).
/// </summary>
public sealed class CatchCallerTests
{
    private const string ThisFile = nameof(CatchCallerTests) + ".cs";

    private readonly ConcurrentQueue<LogRecord> _records = new();
    private readonly List<int> _lines = [];

    [Fact]
    public void Catch_DelegateCallsAMethodThatThrows_TheCallerIsTheMemberThatCalledCatch_WithItsLine()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Catch");
            NextLine();
            logger.Catch(() => Throw("action"));
            NextLine();
            _ = logger.Catch(() => ThrowFor<int>("func"), defaultValue: -1);
            NextLine();
            logger.Catch(() => throw new InvalidOperationException("lambda"));
        }

        AssertCallers(nameof(Catch_DelegateCallsAMethodThatThrows_TheCallerIsTheMemberThatCalledCatch_WithItsLine), ["action", "func", "lambda"]);
    }

    [Fact]
    public void Catch_InsideAnotherCatchThatLetsTheExceptionPass_EachRecordNamesItsOwnCaller()
    {
        var helperLine = 0;
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Catch");

            // The inner Catch (in Helper) lets InvalidOperationException pass; the outer one logs it while Helper's
            // Catch, its delegate and Throw are all still on the stack: its caller is this test, not Helper.
            NextLine();
            logger.Catch(() => Helper(logger, typeof(InvalidOperationException), new InvalidOperationException("outer")));

            // Here the inner Catch logs: its caller is Helper.
            helperLine = Helper(logger, typeof(FormatException), new InvalidOperationException("inner"));
        }

        var records = _records.ToArray();
        Assert.Equal(["outer", "inner"], records.Select(r => r.Exception?.Message));
        Assert.Equal([nameof(Catch_InsideAnotherCatchThatLetsTheExceptionPass_EachRecordNamesItsOwnCaller), nameof(Helper)], records.Select(r => r.CallerFunction));
        Assert.Equal(_lines[0], records[0].CallerLine);
        Assert.Equal(helperLine, records[1].CallerLine);
    }

    [Fact]
    public async Task CatchAsync_TheCallerIsTheMemberThatCalledIt_WithItsLineWhileItIsOnTheStack()
    {
        using (var provider = new LoguStyleLoggerProvider(Options()))
        {
            var logger = provider.CreateLogger("Catch");

            // The delegate throws before it returns a task, or returns one already faulted: logged on the calling stack.
            NextLine();
            await logger.CatchAsync(() => ThrowFor<Task>("sync"));
            NextLine();
            _ = await logger.CatchAsync(() => FaultedAsync("faulted"), defaultValue: 0);
            NextLine();
            await logger.CatchAsync(() => Task.FromException(new InvalidOperationException("fromException")));

            // The task faults after CatchAsync awaited it, on the stack that completes it: the member that called
            // CatchAsync is named all the same; the line is not known (0) nor the file. Completed from here, so that
            // whether CatchAsync awaited before the fault is not left to chance.
            var pending = new TaskCompletionSource();
            _lines.Add(0);
            var faulting = logger.CatchAsync(() => pending.Task);
            pending.SetException(new InvalidOperationException("afterAwait"));
            await faulting;

            // A cancellation after the await passes through unlogged (CatchExcludeTests.Cancellation_...).
            using var cancel = new CancellationTokenSource();
            var cancelled = logger.CatchAsync(() => Task.Delay(Timeout.Infinite, cancel.Token));
            await cancel.CancelAsync();
            await Assert.ThrowsAsync<TaskCanceledException>(() => cancelled);
        }

        AssertCallers(
            nameof(CatchAsync_TheCallerIsTheMemberThatCalledIt_WithItsLineWhileItIsOnTheStack),
            ["sync", "faulted", "fromException", "afterAwait"]);
    }

    // The line of the Catch call is the line after the call to this (the call in Debug: one statement a line).
    private void NextLine([CallerLineNumber] int line = 0) => _lines.Add(line + 1);

    private void AssertCallers(string member, string[] messages)
    {
        var records = _records.ToArray();
        Assert.Equal(messages, records.Select(r => r.Exception?.Message));
        Assert.All(records, r => Assert.Equal(member, r.CallerFunction));
        Assert.Equal(_lines, records.Select(r => r.CallerLine));
        Assert.Equal(_lines.Select(line => line > 0 ? ThisFile : null), records.Select(r => r.CallerFilePath is { } path ? Path.GetFileName(path) : null));
    }

    private LoguStyleLoggerOptions Options()
    {
        var options = new LoguStyleLoggerOptions();
        options.Sinks.Add(new DelegateSinkOptions("caller", _records.Enqueue) { CallerInfo = CallerInfo.StackTrace });
        return options;
    }

    // Not inlined, so each is a frame of the app between the filter and Catch, as a user's methods are.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(string message) => throw new InvalidOperationException(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ThrowFor<T>(string message) => throw new InvalidOperationException(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Task<int> FaultedAsync(string message) => Task.FromException<int>(new InvalidOperationException(message));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Helper(ILogger logger, Type exclude, Exception exception)
    {
        var line = LineOf() + 1;
        logger.Catch(() => throw exception, exclude: exclude);
        return line;
    }

    private static int LineOf([CallerLineNumber] int line = 0) => line;
}
