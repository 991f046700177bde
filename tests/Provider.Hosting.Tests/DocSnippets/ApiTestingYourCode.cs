using System.Text.RegularExpressions;
using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Testing your enricher, predicate or sink": the block whole, nothing defined outside it.</summary>
internal static class ApiTestingYourCode
{
    public static (bool Masked, bool Rotates, bool Deleted, LogRecord Record) Run()
    {
        // Your code under test: an enricher (for Patch), a Rotation.When predicate and a Retention.Where predicate.
        Action<LogRecord> maskCardNumbers = r => r.SetMessage(Regex.Replace(r.Message, "[0-9]{12,19}", "****"));
        Func<RotationContext, bool> rotateAt100Mb = c => c.Size + c.RecordBytes > 100_000_000;
        var cutoff = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
        Func<RetainedFile, bool> deleteOld = f => f.LastWrite < cutoff;

        var started = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);
        var now = started.AddHours(5);
        var record = new LogRecord(DateTimeOffset.Now, LogLevel.Error, "Payments", "Card 4111111111111111 declined")
        {
            Exception = new TimeoutException(),
            Properties = [new("OrderId", 42)],
        };
        maskCardNumbers(record);
        var masked = record.Message == "Card **** declined";
        var rotates = rotateAt100Mb(new RotationContext("/logs/app.log", size: 100_000_000, recordBytes: 120, started, now));
        var deleted = deleteOld(new RetainedFile("/logs/app.2026-09-01.log.gz", started, lastWrite: now, length: 4_096));
        return (masked, rotates, deleted, record);
    }
}
