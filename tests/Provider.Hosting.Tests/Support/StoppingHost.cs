using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoguStyle.Hosting.Tests.Support;

/// <summary>
/// A real generic host, without defaults, whose stop a test drives against sinks it gives: the host's shutdown timeout
/// is the test's, and LoguStyle's provider writes its own lines (a stuck sink named, a sink's error) to a stderr the test
/// reads (<see cref="Errors"/>). The stop and the dispose run on a pool thread, each waited for until a deadline: a
/// stuck sink may hold the thread that calls them, and the test must still end.
/// </summary>
internal sealed class StoppingHost : IDisposable
{
    private readonly StringWriter _output = new();
    private readonly TextWriter _errors;

    /// <param name="shutdownTimeout">The host's <see cref="HostOptions.ShutdownTimeout"/>.</param>
    /// <param name="sinks">The LoguStyle sinks.</param>
    /// <param name="configure">What else the host has (hosted services, a minimum level), added before LoguStyle.</param>
    public StoppingHost(TimeSpan shutdownTimeout, Action<LoguStyleBuilder> sinks, Action<HostApplicationBuilder>? configure = null)
    {
        // The provider writes from the threads of the sinks and of the stop at once.
        var errors = _errors = TextWriter.Synchronized(_output);
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);

        // Registered before AddLoguStyle, whose own registration of the provider then gives way to this one.
        builder.Services.AddSingleton(sp => new LoguStyleLoggerProvider(sp.GetRequiredService<IOptionsMonitor<LoguStyleLoggerOptions>>().CurrentValue, TimeProvider.System, errors));
        configure?.Invoke(builder);
        builder.Logging.AddLoguStyle(sinks);
        Host = builder.Build();
    }

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    /// <summary>What the provider wrote to its stderr so far.</summary>
    public string Errors
    {
        get
        {
            // Under the lock the synchronized writer takes (its own instance), so no write is half read.
            lock (_errors)
            {
                return _output.ToString();
            }
        }
    }

    public Task StartAsync() => Host.StartAsync();

    /// <summary>The host's stop, begun on a pool thread (the host logs its stop records on the thread that calls it).</summary>
    public Task BeginStop() => Task.Run(() => Host.StopAsync());

    /// <summary>The host's stop on a pool thread, failing with a <see cref="TimeoutException"/> after <paramref name="deadline"/>.</summary>
    public Task StopAsync(TimeSpan deadline) => BeginStop().WaitAsync(deadline);

    /// <summary>The host's dispose on a pool thread, failing with a <see cref="TimeoutException"/> after <paramref name="deadline"/>.</summary>
    public Task DisposeAsync(TimeSpan deadline) => Task.Run(() => ((IAsyncDisposable)Host).DisposeAsync().AsTask()).WaitAsync(deadline);

    /// <summary>Disposes the host (again, after <see cref="DisposeAsync"/>: it does nothing twice); a test releases its stuck sinks first.</summary>
    public void Dispose()
    {
        Host.Dispose();
        _output.Dispose();
    }
}
