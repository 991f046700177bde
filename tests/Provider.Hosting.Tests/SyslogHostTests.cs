using LoguStyle.Hosting.Tests.Support;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests;

/// <summary>A real host configured with a Syslog sink in appsettings.json, against a real rsyslogd.</summary>
[Trait("Category", "Rsyslog")]
public sealed class SyslogHostTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task HostStop_ConfiguredTcpSyslogSink_EveryRecordLoggedBeforeTheStopArrives()
    {
        using var receiver = await RsyslogReceiver.StartPlainAsync(_folder.Path);
        using var test = new TestHost($$"""
            { "Sinks": { "central": { "Type": "Syslog", "Protocol": "Tcp", "Port": {{receiver.Port}}, "AppName": "host-test",
                                      "Facility": "Local1", "Level": "Information" } } }
            """);
        using (var host = test.Builder.Build())
        {
            await host.StartAsync();
            var logger = TestHost.Logger(host, "Shop.Orders");
            for (var i = 0; i < 500; i++)
            {
                logger.LogInformation("Order {OrderId} placed", i);
            }

            logger.LogDebug("below the sink's level");
            await host.StopAsync();
        }

        // Sent by the stop, not later: the host is gone when the receiver is read.
        var received = await receiver.WaitForAsync("host-test", 500, TimeSpan.FromSeconds(30));
        Assert.Equal(500, received.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), received.Select(m => m.Params["logustyle@32473"]["OrderId"]));
        Assert.All(received, m => Assert.Equal((17 * 8) + 6, m.Pri));
        Assert.Equal("Shop.Orders - Order 7 placed", received[7].Msg);
    }
}
