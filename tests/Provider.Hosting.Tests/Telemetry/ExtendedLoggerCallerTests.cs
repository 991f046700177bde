using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// <c>CallerInfo: StackTrace</c> with Microsoft.Extensions.Telemetry's ExtendedLogger in the chain
/// (<c>EnableEnrichment</c>): the caller found is the user's method, not the ExtendedLogger's own (an outside test of
/// issue 18 saw <c>LegacyPath</c> and <c>ModernPath</c>, the ExtendedLogger's private methods).
/// </summary>
public sealed class ExtendedLoggerCallerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PlainMelCall_ThroughTheExtendedLogger_NamesTheUsersMethod(bool enqueue)
    {
        var path = _folder.File("app.log");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders()
            .AddLoguStyle(log => log.AddFile(path, file =>
            {
                file.Format = "{function}|{message}";
                file.CallerInfo = CallerInfo.StackTrace;
                file.Enqueue = enqueue;
            }))
            .EnableEnrichment();

        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.ExtendedCaller");
            logger.LogInformation("Order {OrderId} placed", 7);
            await host.StopAsync();
        }

        Assert.Equal(
            [$"{nameof(PlainMelCall_ThroughTheExtendedLogger_NamesTheUsersMethod)}|Order 7 placed"],
            File.ReadAllLines(path).Where(line => line.Contains("Order", StringComparison.Ordinal)));
    }
}
