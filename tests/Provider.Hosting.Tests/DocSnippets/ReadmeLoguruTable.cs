using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>
/// README.md, "Loguru side by side": the right column's code, cell by cell, as the table writes it (its note says
/// <c>using LoguStyle;</c> brings the types). The table's cells are inline code, not C# blocks, so
/// DocSnippetsTests does not find them; this file keeps them compiling. An ellipsis in a cell stands for the
/// application's own code here.
/// </summary>
internal static class ReadmeLoguruTable
{
    public static async Task Run(
        Microsoft.Extensions.Hosting.HostApplicationBuilder builder,
        LoguStyleBuilder log,
        LoguStyleLoggerProvider provider,
        ILogger logger,
        IAlertPoster alerts,
        Exception ex,
        User user,
        int n,
        int id,
        int p)
    {
        builder.Logging.AddLoguStyle();
        builder.Logging.AddLoguStyle(log => log.AddConsole(level: LogLevel.Debug, format: "{time:HH:mm} {level} {message}"));
        log.AddFile("logs/app.log", rotation: "500 MB", retention: "10 days", compression: "gz");
        log.AddFile("logs/app.log", rotation: "100 MB", retention: "1 GB");
        log.AddFile("logs/app.log", rotation: "100 MB", retention: Retention.Any("30 days", "1 GB"));
        log.AddFile("logs/app_{time:yyyy-MM-dd}.log", rotation: "00:00");
        log.AddConsole(stream: ConsoleOutput.Stderr, colorize: ColorMode.Never);
        log.AddConsole(filter: new Dictionary<string, LogLevel> { [""] = LogLevel.Information, ["Noisy.Lib"] = LogLevel.Error });
        log.AddTextSink(text => alerts.Post(text), level: LogLevel.Error);
        log.AddSink(record => Handle(record));
        log.AddSink(async (record, ct) => await HandleAsync(record, ct));
        log.AddSink(record => Handle(record), predicate: r => r.Message.Contains("pay"));
        log.AddFile("logs/app.json", serialize: true);
        log.AddFile("logs/app.json", serialize: true, jsonFormat: JsonFormat.Clef);
        log.AddFile("logs/app.log", enqueue: true);
        log.AddFile("logs/app.log", file => { file.Shared = true; file.Watch = true; });
        log.AddConsole(console => console.Format = "{message}");
        log.AddSink(record => Handle(record), sink => sink.Level = LogLevel.Error);
        await provider.FlushAsync();
        logger.LogInformation("User {UserId} bought {Count}", user, n);
        logger.Info($"User {user.Id} bought {n}");
        logger.Warn($"...");
        logger.Error(ex, $"...");
        logger.Success("Order {OrderId} paid", id);
        logger.Success($"Order {id} paid");
        log.AddLevel("NOTICE", LogLevel.Information, color: "<cyan>", icon: "🔔");
        logger.Log("NOTICE", "Disk {Percent} full", p);
        logger.Log("NOTICE", $"Disk {p} full");
        provider.Disable("Noisy.Lib");
        provider.Enable("Noisy.Lib");
        logger.Catch(() => Work(), exclude: typeof(KeyNotFoundException), onError: Notify);
        log.AddConsole(console => console.MaxLevel = LogLevel.Information);
        log.AddConsole(console => { console.Name = "errors"; console.Stream = ConsoleOutput.Stderr; console.Level = LogLevel.Warning; });
    }

    private static void Handle(LogRecord record) => _ = record;

    private static ValueTask HandleAsync(LogRecord record, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    private static void Work()
    {
    }

    private static void Notify(Exception exception) => _ = exception;

    internal sealed record User(int Id);

    internal interface IAlertPoster
    {
        void Post(string text);
    }
}
