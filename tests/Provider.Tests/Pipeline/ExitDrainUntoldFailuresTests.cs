using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// A sink's "could not write" line goes out at most once a minute, with the running count of its moment; the records that
/// failed after it were on no stderr line when the process ended within the minute (outside test of issue 19: a host stop
/// with the receiver gone left about 10,000 records a Syslog sink on no line, and an exit's refused calls showed "(1
/// record(s) not written so far)"). The exit's last lines tell them, for every sink kind, direct and enqueued.
/// </summary>
public sealed partial class ExitDrainUntoldFailuresTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Drain_ASinkFailingEveryRecordWithinTheMinute_TheExitsLastLineCountsEveryOne(bool enqueued)
    {
        const int Logged = 50;
        using var output = new StringWriter();
        var options = new LoguStyleLoggerOptions { ExitTimeout = TimeSpan.FromSeconds(5), DrainOnExit = false };
        options.Sinks.Add(new DelegateSinkOptions("failing", _ => throw new InvalidOperationException("the sink cannot write")) { Enqueue = enqueued });

        // The clock never moves: every failure after the first is within the first line's minute.
        var provider = new LoguStyleLoggerProvider(options, new FakeTimeProvider(DateTimeOffset.UnixEpoch), TextWriter.Synchronized(output));
        var logger = provider.CreateLogger("c");
        for (var i = 0; i < Logged; i++)
        {
            logger.LogInformation("record {I}", i);
        }

        LoguStyle.Pipeline.ExitDrain.Drain(provider, "exiting", processEnds: true);

        var text = output.ToString();
        Assert.Contains("sink 'failing' could not write a record: InvalidOperationException: the sink cannot write (1 record(s) not written so far)", text, StringComparison.Ordinal);
        var closing = Closing().Match(text);
        Assert.True(closing.Success, text);
        Assert.Equal(Logged - 1, long.Parse(closing.Groups["more"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(Logged, long.Parse(closing.Groups["all"].Value, CultureInfo.InvariantCulture));
        Assert.Contains("the last: InvalidOperationException: the sink cannot write)", text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"sink 'failing' could not write (?<more>\d+) more record\(s\) after its last line \((?<all>\d+) not written in all")]
    private static partial Regex Closing();
}
