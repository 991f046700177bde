using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// One sink of every kind on a host's LoguStyle, and what each wrote: a console into memory, text files and a JSON file
/// per JsonFormat (direct and enqueued) in the test's folder, syslog over UDP to a loopback listener, and a delegate
/// that keeps its records and reads them after the call.
/// </summary>
internal sealed class EverySinkKind
{
    /// <summary>What Bind's annotation keeps of a bound type: public properties and fields, constructors, interfaces.</summary>
    public const DynamicallyAccessedMemberTypes Bound = DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields
        | DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces;

    private readonly TempFolder _folder;
    private readonly UdpClient _syslog = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly ConcurrentQueue<string> _datagrams = new();
    private readonly MemoryStream _console = new();
    private readonly ConcurrentQueue<LogRecord> _kept = new();
    private readonly Task _receiving;

    public EverySinkKind(TempFolder folder)
    {
        _folder = folder;
        _receiving = Receive();
    }

    /// <summary>
    /// Runs <paramref name="log"/> on a host whose LoguStyle has every sink kind (the text ones writing <c>{message}</c>
    /// then <paramref name="values"/>), waits for <paramref name="records"/> syslog messages, stops the host and gives
    /// what each sink wrote.
    /// </summary>
    public static async Task<Dictionary<string, string>> LogAsync(TempFolder folder, string values, int records, Func<ILogger, Task> log)
    {
        var sinks = new EverySinkKind(folder);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLoguStyle(options => sinks.AddTo(options, values));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            await log(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.EverySinkKind"));
            sinks.WaitForSyslog(records);
            await host.StopAsync();
        }

        return await sinks.OutputsAsync();
    }

    /// <summary>Logs a record bound with <paramref name="value"/> by Bind and by Contextualize, each generic and as object: four records.</summary>
    public static void LogBoundFourWays<[DynamicallyAccessedMembers(Bound)] T>(ILogger logger, T value)
        where T : notnull
    {
        logger.Bind(value).LogWarning("bound generic");
        using (logger.Contextualize(value))
        {
            logger.LogWarning("contextualized generic");
        }

        logger.Bind((object)value).LogWarning("bound as object");
        using (logger.Contextualize((object)value))
        {
            logger.LogWarning("contextualized as object");
        }
    }

    /// <summary>
    /// Logs six records: <paramref name="value"/> bound four ways (<see cref="LogBoundFourWays"/>), then
    /// <paramref name="byName"/> bound and contextualized as <paramref name="name"/>.
    /// </summary>
    public static void LogBoundSixWays<[DynamicallyAccessedMembers(Bound)] T>(ILogger logger, T value, string name, object byName)
        where T : notnull
    {
        LogBoundFourWays(logger, value);
        logger.Bind(name, byName).LogWarning("bound by name");
        using (logger.Contextualize(name, byName))
        {
            logger.LogWarning("contextualized by name");
        }
    }

    /// <summary>Adds the sinks; the text ones write <c>{message}</c> then <paramref name="values"/>.</summary>
    public void AddTo(LoguStyleBuilder log, string values)
    {
        log.AddSink(new ConsoleSinkOptions { Format = "{message} " + values, OutputOverride = _console });
        log.AddFile(_folder.File("app.log"), format: "{message} " + values + " {scopes}");
        log.AddFile(_folder.File("queued.log"), format: "{message} " + values, enqueue: true);
        foreach (var format in Enum.GetValues<JsonFormat>())
        {
            log.AddFile(_folder.File($"app.{format}.json"), file => (file.Serialize, file.JsonFormat) = (true, format));
            log.AddFile(_folder.File($"queued.{format}.json"), file => (file.Serialize, file.JsonFormat, file.Enqueue) = (true, format, true));
        }

        log.AddSyslog(options => (options.Host, options.Port) = ("127.0.0.1", ((IPEndPoint)_syslog.Client.LocalEndPoint!).Port));
        log.AddSink(_kept.Enqueue);
    }

    /// <summary>Fails the test unless <paramref name="count"/> syslog messages arrive within 10 s.</summary>
    public void WaitForSyslog(int count) =>
        Assert.True(SpinWait.SpinUntil(() => _datagrams.Count >= count, TimeSpan.FromSeconds(10)), $"{_datagrams.Count} syslog messages");

    /// <summary>Closes the listener, then what each sink wrote, by sink: the console, syslog, the kept records (message, properties, scopes, exception message), each file.</summary>
    public async Task<Dictionary<string, string>> OutputsAsync()
    {
        _syslog.Dispose();
        await _receiving;
        var outputs = new Dictionary<string, string>
        {
            ["console"] = Encoding.UTF8.GetString(_console.ToArray()),
            ["syslog"] = string.Join('\n', _datagrams),
            ["kept records"] = string.Join('\n', _kept.Select(r => $"{r.Message} {string.Join(',', r.Properties.Select(p => $"{p.Key}={p.Value}"))} {string.Join(',', r.Scopes.Select(Pairs))} {r.Exception?.Message}")),
        };
        foreach (var file in Directory.GetFiles(_folder.Path))
        {
            outputs[Path.GetFileName(file)] = File.ReadAllText(file);
        }

        Assert.Equal(3 + 2 + (2 * Enum.GetValues<JsonFormat>().Length), outputs.Count);
        return outputs;
    }

    // A kept record's scope is a snapshot of its pairs (an array of them) or the value itself.
    private static string? Pairs(object? scope) => scope is IEnumerable<KeyValuePair<string, object?>> pairs
        ? string.Join(',', pairs.Select(p => $"{p.Key}={p.Value}"))
        : scope?.ToString();

    private async Task Receive()
    {
        try
        {
            while (true)
            {
                var received = await _syslog.ReceiveAsync();
                _datagrams.Enqueue(Encoding.UTF8.GetString(received.Buffer));
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
