using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoguStyle.Tests.Support;

/// <summary>For the network sinks' tests: a loopback port nobody listens on, and a wait on a condition with a deadline.</summary>
internal static class Loopback
{
    /// <summary>A loopback TCP port free now: nobody listens on it until the test does.</summary>
    public static int FreeTcpPort()
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test at <paramref name="deadline"/>.</summary>
    public static async Task WaitUntil(Func<bool> condition, TimeSpan deadline)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(elapsed.Elapsed < deadline, "condition not met before the deadline");
            await Task.Delay(10);
        }
    }

    /// <summary>
    /// Waits until <paramref name="count"/> has not changed for <paramref name="quiet"/> (a writer stuck on its receiver)
    /// while <paramref name="also"/> holds; fails the test at <paramref name="deadline"/>.
    /// </summary>
    public static Task WaitUntilQuiet(Func<long> count, TimeSpan quiet, TimeSpan deadline, Func<bool>? also = null)
    {
        var last = -1L;
        var unchanged = Stopwatch.StartNew();
        return WaitUntil(
            () =>
            {
                var now = count();
                if (now != last)
                {
                    last = now;
                    unchanged.Restart();
                }

                return (also?.Invoke() ?? true) && unchanged.Elapsed > quiet;
            },
            deadline);
    }
}
