using System.Globalization;
using LoguStyle;
using LoguStyle.BootstrapApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: LoguStyle.BootstrapApp <mode> [host-file]; run in a folder whose appsettings.json holds the sinks.
//   build          logs "before build", builds and runs a host that stops itself: bad configuration fails in Build()
//   di-validation  logs "before build", builds a host whose services do not validate (ValidateOnBuild)
//   throw          logs "bootstrap 1..3", builds the host, logs "host 1..3" through it, then throws in Program.cs
//   unhandled      logs "bootstrap 1..3", then throws out of Main (no catch, no finally)
//   exit           logs "bootstrap 1..3", then Environment.Exit(3) (no finally)
//   return         logs "bootstrap 1..3", then returns from Main without disposing the logger
//   sigterm        logs "bootstrap 1..3", prints "ready", and waits for a signal (SIGTERM or SIGINT) before the host is built
//   handover       two threads log "t<thread> <n>" through the bootstrap logger without pause while the host is built,
//                  started, stopped and disposed; prints "fds=N" (descriptors open on app.log) after each step and
//                  "logged t<thread>=<count>" at the end. With host-file, the host adds a file sink of its own there.
//   args <args...> passes the arguments after the mode to the bootstrap logger and to Host.CreateApplicationBuilder,
//                  logs "before build", builds the host, prints "environment=<name>" and "content-root=<path>" as the
//                  host sees them, logs "host built" through the host's logger, then starts and stops the host
//   second         asks for a second bootstrap logger while the first is live (logs why it was refused), disposes the
//                  first, then creates one more and logs "created after dispose" through it
// Exit code: 0, or 1 when the catch block logged.
var mode = args.Length > 0 ? args[0] : "build";
var hostArgs = mode == "args" ? args[1..] : [];
var log = LoguStyleBootstrap.CreateLogger(hostArgs);

// The crashes come before the try: nothing but the process's exit handlers is left to write the records.
if (mode is "unhandled" or "exit" or "sigterm" or "return")
{
    Records.Log(log, "bootstrap", 3);
    if (mode == "return")
    {
        return 0;
    }

    if (mode == "unhandled")
    {
        throw new InvalidOperationException("thrown out of Main");
    }

    if (mode == "exit")
    {
        Environment.Exit(3);
    }

    Console.WriteLine("ready");

    // Waits for the test's SIGTERM, on which the runtime ends the process; the deadline keeps a lost signal from leaving
    // the process running.
    using var signalled = new ManualResetEventSlim();
    if (!signalled.Wait(TimeSpan.FromMinutes(1)))
    {
        Console.Error.WriteLine("no SIGTERM within a minute");
        return 4;
    }
}

if (mode == "second")
{
    try
    {
        using var second = LoguStyleBootstrap.CreateLogger([]);
        log.LogError("a second bootstrap logger was created while the first was live");
    }
    catch (InvalidOperationException ex)
    {
        log.LogInformation("second refused: {Reason}", ex.Message);
    }

    await log.DisposeAsync();
    await using var next = LoguStyleBootstrap.CreateLogger([]);
    next.LogInformation("created after dispose");
    return 0;
}

try
{
    if (mode == "handover")
    {
        await HandOver.RunAsync(log, args.Length > 1 ? args[1] : null);
        return 0;
    }

    log.LogInformation("before build");
    var builder = mode == "args"
        ? Host.CreateApplicationBuilder(hostArgs)
        : Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], EnvironmentName = "Production" });
    builder.Logging.ClearProviders().AddLoguStyle();
    if (mode == "di-validation")
    {
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true }));
        builder.Services.AddSingleton<NeedsMissing>();
    }

    using var host = builder.Build();
    var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Program.Host");
    if (mode == "args")
    {
        Console.WriteLine($"environment={host.Services.GetRequiredService<IHostEnvironment>().EnvironmentName}");
        Console.WriteLine($"content-root={host.Services.GetRequiredService<IHostEnvironment>().ContentRootPath}");
        logger.LogInformation("host built");
    }

    if (mode == "throw")
    {
        Records.Log(log, "bootstrap", 3);
        Records.Log(logger, "host", 3);
        throw new InvalidOperationException("thrown in Program.cs");
    }

    await host.StartAsync();
    await host.StopAsync();
    return 0;
}
catch (Exception ex)
{
    log.LogCritical(ex, "The host terminated unexpectedly");
    return 1;
}
finally
{
    await log.DisposeAsync();
}

namespace LoguStyle.BootstrapApp
{
    internal static class Records
    {
        public static void Log(ILogger logger, string what, int count)
        {
            for (var i = 1; i <= count; i++)
            {
                logger.LogInformation("{What} {Index}", what, i.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    internal sealed class NeedsMissing(IMissing missing)
    {
        public IMissing Missing { get; } = missing;
    }

#pragma warning disable CA1040 // The interface nothing registers: what DI validation reports.
    internal interface IMissing
    {
    }
#pragma warning restore CA1040
}
