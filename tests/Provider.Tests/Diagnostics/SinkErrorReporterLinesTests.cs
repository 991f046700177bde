using LoguStyle.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tests.Diagnostics;

/// <summary>
/// The line a sink's failure writes on stderr: a failure that lost records says it could not write a record, one that
/// lost no logging call (an inner sink's failed flush or close, the sink's own lines about its drops) says that instead;
/// both end with the running count, which is what the lines add up to.
/// </summary>
public sealed class SinkErrorReporterLinesTests
{
    [Fact]
    public void AFailureThatLostNoCall_SaysSo_WithTheRunningCount_AndOneThatLostRecordsSaysItCouldNotWriteOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        using var output = new StringWriter();
        var errors = new SinkErrorReporter("app", time, output);

        errors.RecordFailed(new IOException("No space left on device"), 2);
        time.Advance(TimeSpan.FromMinutes(1));
        errors.RecordFailed(new IOException("No space left on device"), 0);
        time.Advance(TimeSpan.FromMinutes(1));
        errors.RecordFailed(new IOException("No space left on device"), 1);

        Assert.Equal(
            [
                "LoguStyle: sink 'app' could not write a record: IOException: No space left on device (2 record(s) not written so far)",
                "LoguStyle: sink 'app' failed, losing no logging call by it: IOException: No space left on device (2 record(s) not written so far)",
                "LoguStyle: sink 'app' could not write a record: IOException: No space left on device (3 record(s) not written so far)",
            ],
            output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(3, errors.FailedRecords);
    }
}
