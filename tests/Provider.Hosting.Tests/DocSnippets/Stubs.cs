using Microsoft.Extensions.Logging;

namespace DocSnippets;

// What the documentation's snippets use but do not declare: the application's own objects. The snippet files are in
// their own namespace, outside LoguStyle, so that only the using lines a snippet shows bring LoguStyle's types in.

public interface IOrder
{
    int Id { get; }

    string CustomerId { get; }
}

public interface IRequestContext
{
    string TraceIdentifier { get; }
}

public interface IMetrics
{
    void Count(LogLevel level);
}

public interface IAlerts
{
    Task PostAsync(LoguStyle.LogRecord record, CancellationToken cancellationToken);
}

public sealed class Settings
{
    public static Settings Default { get; } = new();

    public static Settings Load(string path) => File.Exists(path) ? new Settings() : Default;
}
