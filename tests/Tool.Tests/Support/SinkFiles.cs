using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LoguStyle.Tool.Tests.Support;

/// <summary>Writes log files with the real file sinks: records 10 minutes apart on a fake clock in UTC.</summary>
internal static class SinkFiles
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <paramref name="start"/> whose local time zone is UTC, so every format writes the same clock time.</summary>
    public static FakeTimeProvider Clock(DateTimeOffset? start = null)
    {
        var time = new FakeTimeProvider(start ?? Start);
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        return time;
    }

    /// <summary>Runs <paramref name="log"/> <paramref name="count"/> times through a provider with <paramref name="sinks"/>, the clock advancing between records.</summary>
    public static void Write(IEnumerable<SinkOptions> sinks, int count, Action<ILogger, int> log, FakeTimeProvider? time = null, TimeSpan? step = null)
    {
        time ??= Clock();
        var options = new LoguStyleLoggerOptions();
        foreach (var sink in sinks)
        {
            options.Sinks.Add(sink);
        }

        using var provider = new LoguStyleLoggerProvider(options, time);
        for (var i = 0; i < count; i++)
        {
            log(provider.CreateLogger(Category(i)), i);
            time.Advance(step ?? TimeSpan.FromMinutes(10));
        }
    }

    /// <summary>Three categories, so a prefix keeps some and not others.</summary>
    public static string Category(int i) => (i % 3) switch
    {
        0 => "Shop.Orders",
        1 => "Shop.OrdersArchive",
        _ => "Billing.Invoices",
    };

    /// <summary>A mix of levels and properties: every fourth a warning, every seventh an error.</summary>
    public static void Mixed(ILogger logger, int i)
    {
        if (i % 7 == 6)
        {
            logger.LogError("Payment {OrderId} failed for {Customer} é✓", i, i % 2 == 0 ? "Alice" : "Bob");
        }
        else if (i % 4 == 3)
        {
            logger.LogWarning("Order {OrderId} slow for {Customer}", i, i % 2 == 0 ? "Alice" : "Bob");
        }
        else
        {
            logger.LogInformation("Order {OrderId} placed by {Customer} paid={Paid}", i, i % 2 == 0 ? "Alice" : "Bob", i % 5 == 0);
        }
    }
}
