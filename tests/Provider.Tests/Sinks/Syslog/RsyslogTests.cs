using System.Collections.Concurrent;
using System.Globalization;
using LoguStyle.Formatting;
using LoguStyle.Queue;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Sinks.Syslog;

/// <summary>
/// The Syslog sink against a real rsyslogd on loopback (see <see cref="RsyslogReceiver"/>): what rsyslog parses out of
/// each message is what was logged, every record arrives once and in order, and what cannot be delivered is counted.
/// </summary>
[Trait("Category", "Rsyslog")]
public sealed partial class RsyslogTests : IDisposable
{
    private const string App = "logustyle-test";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly StringWriter _stderr = new();
    private readonly TextWriter _errors;

    // For numbers a test measures and passes on (how many records a stop mid-stream cost).
    private readonly ITestOutputHelper _output;

    public RsyslogTests(ITestOutputHelper output)
    {
        _errors = TextWriter.Synchronized(_stderr);
        _output = output;
    }

    public void Dispose() => _folder.Dispose();

    public static TheoryData<SyslogProtocol, SyslogFraming> Transports => new()
    {
        { SyslogProtocol.Tcp, SyslogFraming.OctetCounting },
        { SyslogProtocol.Tcp, SyslogFraming.LineFeed },
        { SyslogProtocol.Udp, SyslogFraming.OctetCounting },
        { SyslogProtocol.Tls, SyslogFraming.OctetCounting },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Transport_RecordWithEverything_EachFieldParsesBack(SyslogProtocol protocol, SyslogFraming framing)
    {
        using var receiver = await StartAsync(protocol);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 10, 0, TimeSpan.Zero).AddTicks(1_234_567));
        time.SetLocalTimeZone(TimeZoneInfo.CreateCustomTimeZone("test+1", TimeSpan.FromHours(1), "test+1", "test+1"));
        var copy = new ConcurrentQueue<string>();
        var copySink = DelegateSinkOptions.ForText("copy", copy.Enqueue);
        copySink.Format = SyslogSinkOptions.DefaultFormat;
        var syslog = Options(receiver, protocol, o =>
        {
            o.Framing = framing;
            o.Facility = SyslogFacility.Local3;
        });
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { syslog, copySink } },
            time,
            _errors))
        {
            // The copy renders the same MSG template, so the expected text is the sink's own.
            var logger = provider.CreateLogger("Shop.Orders");
            using (logger.BeginScope(new Dictionary<string, object?> { ["Request"] = "r-7", ["Tenant"] = "Zürich" }))
            {
                logger.LogError(new EventId(1001, "OrderFailed"), Thrown(), "Order {OrderId} for {Customer} failed: {Reason}", 42, "Grüße 東京 😀", "quote \" bracket ] backslash \\");
            }
        }

        var message = Assert.Single(await receiver.WaitForAsync(App, 1, Deadline));
        Assert.Equal((19 * 8) + 3, message.Pri);
        Assert.Equal("2026-11-24T09:10:00.123456+01:00", message.Time);
        Assert.Equal(System.Net.Dns.GetHostName(), message.Host);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), message.ProcId);
        Assert.Equal("OrderFailed", message.MsgId);
        var sd = message.Params["logustyle@32473"];
        Assert.Equal("42", sd["OrderId"]);
        Assert.Equal("Grüße 東京 😀", sd["Customer"]);
        Assert.Equal("quote \" bracket ] backslash \\", sd["Reason"]);
        Assert.Equal("r-7", sd["Request"]);
        Assert.Equal("Zürich", sd["Tenant"]);
        var expected = Assert.Single(copy).TrimEnd('\n');
        Assert.Contains('\n', expected);
        Assert.Contains("   at ", expected, StringComparison.Ordinal);
        Assert.Equal(framing == SyslogFraming.LineFeed && protocol == SyslogProtocol.Tcp ? expected.Replace("\n", "\\n", StringComparison.Ordinal) : expected, message.Msg);
    }

    [Theory]
    [InlineData(SyslogProtocol.Tcp)]
    [InlineData(SyslogProtocol.Tls)]
    [InlineData(SyslogProtocol.Udp)]
    public async Task Transport_FourThreads_EveryRecordOnceInOrderPerThread(SyslogProtocol protocol)
    {
        using var receiver = await StartAsync(protocol);

        // UDP has no flow control: a burst larger than the receiver's socket buffer is lost in the kernel (each small
        // datagram costs about 2 KB of it), and a busy machine can leave rsyslogd unscheduled for a while. So the UDP run
        // logs in rounds of 10 records a thread and waits until rsyslogd has written a round before the next: what is
        // checked is the sink (every record sent once, in order), not the kernel's buffer.
        var udp = protocol == SyslogProtocol.Udp;
        var perThread = udp ? 100 : 2_500;
        var perRound = udp ? 10 : perThread;
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, protocol) } }, TimeProvider.System, _errors))
        {
            var logger = provider.CreateLogger("c");
            for (var round = 0; round < perThread / perRound; round++)
            {
                var first = round * perRound;
                await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
                {
                    for (var i = first; i < first + perRound; i++)
                    {
                        logger.LogInformation("{T} {I}", t, i);
                    }
                })));
                if (udp)
                {
                    await provider.FlushAsync();
                    await receiver.WaitForAsync(App, 4 * (first + perRound), Deadline);
                }
            }

            await provider.FlushAsync();
            Assert.Equal(4 * perThread, provider.CurrentSinks[0].Stats.Written);
        }

        var received = await receiver.WaitForAsync(App, 4 * perThread, Deadline);
        Assert.Equal(4 * perThread, received.Count);
        foreach (var thread in received.Select(m => m.Params["logustyle@32473"]).GroupBy(p => p["T"]))
        {
            Assert.Equal(Enumerable.Range(0, perThread), thread.Select(p => int.Parse(p["I"], CultureInfo.InvariantCulture)));
        }

        Assert.Equal(4, received.Select(m => m.Params["logustyle@32473"]["T"]).Distinct().Count());
    }

    [Fact]
    public async Task Udp_MessageOverTheLimit_ArrivesCutOnACharacterBoundary()
    {
        using var receiver = await StartAsync(SyslogProtocol.Udp);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Udp, o => o.MaxMessageBytes = 480) } },
            TimeProvider.System,
            _errors))
        {
            provider.CreateLogger("c").LogInformation("{Text}", new string('é', 400));
        }

        var message = Assert.Single(await receiver.WaitForAsync(App, 1, Deadline));
        var bytes = System.Text.Encoding.UTF8.GetByteCount(message.Raw);
        Assert.InRange(bytes, 479, 480);
        Assert.EndsWith("éé", message.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', message.Raw);
    }

    [Theory]
    [InlineData(JsonFormat.LoguStyle)]
    [InlineData(JsonFormat.Clef)]
    [InlineData(JsonFormat.Ecs)]
    [InlineData(JsonFormat.Otel)]
    public async Task Udp_SerializedMessageOverTheLimit_ArrivesAsWholeJson_ItsLongestTextsCut(JsonFormat format)
    {
        // A shipper parses MSG as JSON: a cut of the bytes left it unparseable; the long strings are cut inside it.
        using var receiver = await StartAsync(SyslogProtocol.Udp);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks = { Options(receiver, SyslogProtocol.Udp, o => { o.MaxMessageBytes = 900; o.Serialize = true; o.JsonFormat = format; }) },
            },
            TimeProvider.System,
            _errors))
        {
            var logger = provider.CreateLogger("c");
            logger.LogInformation("{Text} end", "début " + new string('é', 3_000));
            logger.LogError(new EventId(7, new string('n', 2_000)), new InvalidOperationException("oops " + new string('x', 5_000)), "failed {Id}", 42);
            logger.LogInformation("short {Id}", 43);
        }

        var received = await receiver.WaitForAsync(App, 3, Deadline);
        Assert.Equal(3, received.Count);
        foreach (var message in received)
        {
            Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(message.Raw), 1, 900);
            Assert.DoesNotContain('\uFFFD', message.Raw);
            using var json = System.Text.Json.JsonDocument.Parse(message.Msg);
            Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
        }

        Assert.Contains("début éé", received[0].Msg, StringComparison.Ordinal);
        Assert.Contains("…", received[0].Msg, StringComparison.Ordinal);
        Assert.Contains("oops xx", received[1].Msg, StringComparison.Ordinal);
        Assert.Contains("42", received[1].Msg, StringComparison.Ordinal);
        Assert.Contains("short 43", received[2].Msg, StringComparison.Ordinal);
        Assert.DoesNotContain("…", received[2].Msg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Udp_SerializedMessageWithA20KbKeyAndScopeName_ArrivesAsWholeJsonWithinTheLimit()
    {
        // A name is not a string value: a 20 KB dictionary key or scope name was left whole, and the document cut as bytes.
        using var receiver = await StartAsync(SyslogProtocol.Udp);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Udp, o => { o.MaxMessageBytes = 2048; o.Serialize = true; }) } },
            TimeProvider.System,
            _errors))
        {
            var logger = provider.CreateLogger("c");
            using (logger.BeginScope(new Dictionary<string, object?> { [new string('s', 20_000)] = "scoped", ["Request"] = "r-7" }))
            {
                logger.LogInformation("order {Order} placed", new Dictionary<string, object?> { [new string('k', 20_000)] = 1, ["Id"] = 42 });
            }
        }

        var message = Assert.Single(await receiver.WaitForAsync(App, 1, Deadline));
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(message.Raw), 1, 2048);
        using var json = System.Text.Json.JsonDocument.Parse(message.Msg);
        Assert.StartsWith("order ", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Request\":\"r-7\"", message.Msg, StringComparison.Ordinal);
        Assert.Contains("kk…", message.Msg, StringComparison.Ordinal);
        Assert.Contains("was cut to MaxMessageBytes (2048)", StderrText(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SyslogProtocol.Tcp)]
    [InlineData(SyslogProtocol.Tls)]
    public async Task Stream_RecordOverTheReceiversFrameLimit_ArrivesCutAndTheRecordsAfterItArrive(SyslogProtocol protocol)
    {
        // rsyslog's imtcp gives up octet counting for the rest of the connection when a frame is over its MaxFrameSize
        // (200,000 bytes): without a limit of the sink's own, the records after a 1 MB one were lost, counted as written.
        using var receiver = await StartAsync(protocol);
        Sink sink;
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, protocol) } }, TimeProvider.System, _errors))
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            logger.LogInformation("before");
            logger.LogInformation("big {Text}", new string('é', 500_000));
            for (var i = 0; i < 10; i++)
            {
                logger.LogInformation("after {I}", i);
            }
        }

        var received = await receiver.WaitForAsync(App, 12, Deadline);
        Assert.Equal(12, received.Count);
        Assert.Equal(12, sink.Stats.Written);
        Assert.Equal("c - before", received[0].Msg);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"c - after {i}"), received.Skip(2).Select(m => m.Msg));

        // Cut at the default limit on a character boundary: the header and MSG's start parse, the SD (cut through) is left out.
        var big = received[1];
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(big.Raw), 65_535, 65_536);
        Assert.Equal("-", big.StructuredData);
        Assert.StartsWith("c - big ééé", big.Msg, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', big.Raw);
        Assert.Contains("was cut to MaxMessageBytes (65536)", StderrText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Local_Rfc3164OnTheDaemonsSocket_ParsedByRsyslog()
    {
        using var receiver = await RsyslogReceiver.StartLocalAsync(_folder.Path);
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Local, o => o.Host = receiver.SocketPath!) } },
            TimeProvider.System,
            _errors))
        {
            provider.CreateLogger("Shop").LogWarning("Stock low: {Count} left", 3);
        }

        var message = Assert.Single(await receiver.WaitForAsync(App, 1, Deadline));
        Assert.Equal(12, message.Pri);
        Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), message.ProcId);
        Assert.Equal("Shop - Stock low: 3 left", message.Msg.TrimStart());
    }

    [Fact]
    public async Task Tls_ServerNotSignedByTheConfiguredCa_NothingSentAndEveryRecordCounted()
    {
        using var receiver = await StartAsync(SyslogProtocol.Tls);
        var other = TestCertificates.Create(_folder.Path, "other");
        Sink sink;
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks = { Options(receiver, SyslogProtocol.Tls, o => o.CertificatePath = other.CaFile) },
                DisposeTimeout = TimeSpan.FromSeconds(1),
            },
            TimeProvider.System,
            _errors))
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < 10; i++)
            {
                logger.LogInformation("secret {I}", i);
            }
        }

        Assert.Equal(0, sink.Stats.Written);
        Assert.Equal(10, sink.Stats.Dropped + sink.Errors.FailedRecords);
        Assert.Contains($"cannot send to tls://127.0.0.1:{receiver.Port}: AuthenticationException", _stderr.ToString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received(App));
    }

    [Fact]
    public async Task Tls_SinkClosesTheConnection_SendsCloseNotifySoTheReceiverSeesACleanEnd()
    {
        // rsyslog's OpenSSL driver logs "unexpected eof while reading" and "closed due to error" for a TLS session whose
        // peer closed the TCP connection without TLS's close_notify (RFC 5246 7.2.1, RFC 8446 6.1).
        using var receiver = await StartAsync(SyslogProtocol.Tls);
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls) } }, TimeProvider.System, _errors))
        {
            provider.CreateLogger("c").LogInformation("one");
            await provider.FlushAsync();
            await receiver.WaitForAsync(App, 1, Deadline);
        }

        // rsyslogd saw the session end and closed its side: any error about it was logged before that.
        await Loopback.WaitUntil(() => !receiver.HasOpenSessions(), Deadline);

        // Its messages go through its one main queue, in order: once a later message is written, so is any error before it.
        await using (var marker = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { Options(receiver, SyslogProtocol.Tls) } }, TimeProvider.System, _errors))
        {
            marker.CreateLogger("c").LogInformation("marker");
        }

        await receiver.WaitForAsync(App, 2, Deadline);

        // What rsyslogd said between the first session's record and the marker: the first session's end (the marker's own
        // session is closed by a dispose right after its first record and is not what this test is about).
        var aboutTheFirstSession = receiver.OwnMessagesBetween(App, "one", "marker");
        Assert.DoesNotContain(aboutTheFirstSession, m => m.Msg.Contains("unexpected eof", StringComparison.OrdinalIgnoreCase) || m.Msg.Contains("closed due to error", StringComparison.Ordinal));
        Assert.Empty(StderrText());
    }

    [Fact]
    public async Task Tls_ReceiverAsksForAClientCertificate_TheConfiguredOneIsAccepted()
    {
        var certificates = TestCertificates.Create(_folder.Path);
        using var receiver = await RsyslogReceiver.StartTlsAsync(_folder.Path, certificates.CaFile, certificates.CertFile, certificates.KeyFile, authMode: "x509/certvalid");
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions
            {
                Sinks =
                {
                    new SyslogSinkOptions
                    {
                        Protocol = SyslogProtocol.Tls,
                        Host = "localhost",
                        Port = receiver.Port,
                        AppName = App,
                        CertificatePath = certificates.CaFile,
                        ClientCertificatePath = certificates.ClientFile,
                    },
                },
            },
            TimeProvider.System,
            _errors))
        {
            provider.CreateLogger("c").LogInformation("with a client certificate");
        }

        var message = Assert.Single(await receiver.WaitForAsync(App, 1, Deadline));
        Assert.Equal("c - with a client certificate", message.Msg);
    }

    [Fact]
    public async Task Tcp_ReceiverRestartsMidRun_RecordsLoggedWhileDownArriveUpToTheBoundAndLossIsCounted()
    {
        using var receiver = await StartAsync(SyslogProtocol.Tcp);
        var syslog = Options(receiver, SyslogProtocol.Tcp, o => o.QueueCapacity = 100);
        syslog.FirstBackoff = TimeSpan.FromMilliseconds(100);
        syslog.MaxBackoff = TimeSpan.FromMilliseconds(500);
        const int Before = 50;
        const int WhileDown = 3_000;
        Sink sink;
        await using (var provider = new LoguStyleLoggerProvider(new LoguStyleLoggerOptions { Sinks = { syslog } }, TimeProvider.System, _errors))
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < Before; i++)
            {
                logger.LogInformation("{I}", i);
            }

            await provider.FlushAsync();
            await receiver.WaitForAsync(App, Before, Deadline);

            await receiver.StopAsync();
            for (var i = Before; i < Before + WhileDown; i++)
            {
                logger.LogInformation("{I}", i);
            }

            // The writer has records to send while nobody listens: its reconnect is refused and reported. Waiting for
            // that report before the receiver returns keeps the run from depending on how fast this machine is (a writer
            // that first tries after the restart reconnects without a failure to report).
            var refused = $"cannot send to tcp://127.0.0.1:{receiver.Port}";
            var until = DateTime.UtcNow + Deadline;
            while (!StderrText().Contains(refused, StringComparison.Ordinal))
            {
                Assert.True(DateTime.UtcNow < until, $"no send failure reported within {Deadline}: {StderrText()}");
                await Task.Delay(20);
            }

            await receiver.StartAsync();
            await provider.FlushAsync().WaitAsync(Deadline);
        }

        var dropped = sink.Stats.Dropped;
        Assert.InRange(dropped, 1, WhileDown - 100);
        Assert.Equal(0, sink.Errors.FailedRecords);
        var received = await receiver.WaitForAsync(App, (int)(Before + WhileDown - dropped), Deadline);
        var numbers = received.Where(m => m.Params.ContainsKey("logustyle@32473")).Select(m => int.Parse(m.Params["logustyle@32473"]["I"], CultureInfo.InvariantCulture)).ToList();

        // Exactly once, in order; what is missing is exactly what the queue counted as dropped.
        Assert.Equal(numbers.Order(), numbers);
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.Equal(Before + WhileDown - dropped, numbers.Count);
        Assert.Equal(Enumerable.Range(0, Before), numbers.Take(Before));
        Assert.Contains("dropped", StderrText(), StringComparison.Ordinal);

        // The report in the stream is a record like any other: the header carries this process's id, as every record's
        // does (it carried 0), and the warning's severity.
        // (A run longer than a second may hold more than one report.)
        var reports = received.Where(m => m.Msg.StartsWith("LoguStyle - LoguStyle dropped", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(reports);
        Assert.All(reports, report => Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), report.ProcId));
        Assert.All(reports, report => Assert.Equal((1 * 8) + 4, report.Pri));
    }

    // The provider writes through the synchronized wrapper, which locks itself: read under the same lock.
    private string StderrText()
    {
        lock (_errors)
        {
            return _stderr.ToString();
        }
    }

    [Fact]
    public async Task Tcp_ReceiverNeverThere_LoggingGoesOnAndEveryRecordIsCounted()
    {
        var port = Loopback.FreeTcpPort();
        var syslog = new SyslogSinkOptions { Protocol = SyslogProtocol.Tcp, Port = port, AppName = App, QueueCapacity = 100 };
        const int Logged = 3_000;
        Sink sink;
        await using (var provider = new LoguStyleLoggerProvider(
            new LoguStyleLoggerOptions { Sinks = { syslog }, DisposeTimeout = TimeSpan.FromSeconds(1) },
            TimeProvider.System,
            _errors))
        {
            sink = provider.CurrentSinks[0];
            var logger = provider.CreateLogger("c");
            for (var i = 0; i < Logged; i++)
            {
                logger.LogInformation("{I}", i);
            }
        }

        Assert.Equal(0, sink.Stats.Written);
        Assert.True(sink.Stats.Dropped > 0);
        Assert.True(sink.Stats.Dropped + sink.Errors.FailedRecords >= Logged, $"dropped {sink.Stats.Dropped} + failed {sink.Errors.FailedRecords} < {Logged}");
        var stderr = _stderr.ToString();
        Assert.Contains($"cannot send to tcp://127.0.0.1:{port}: SocketException", stderr, StringComparison.Ordinal);
        Assert.Contains("dropped", stderr, StringComparison.Ordinal);
    }

    private async Task<RsyslogReceiver> StartAsync(SyslogProtocol protocol)
    {
        if (protocol != SyslogProtocol.Tls)
        {
            return await RsyslogReceiver.StartPlainAsync(_folder.Path);
        }

        var certificates = TestCertificates.Create(_folder.Path);
        _tlsCa = certificates.CaFile;
        return await RsyslogReceiver.StartTlsAsync(_folder.Path, certificates.CaFile, certificates.CertFile, certificates.KeyFile);
    }

    private string? _tlsCa;

    private SyslogSinkOptions Options(RsyslogReceiver receiver, SyslogProtocol protocol, Action<SyslogSinkOptions>? configure = null)
    {
        var options = new SyslogSinkOptions
        {
            Protocol = protocol,

            // The daemon's socket has no port (a Port with Local is refused).
            Port = protocol == SyslogProtocol.Local ? null : receiver.Port,
            AppName = App,
            CertificatePath = protocol == SyslogProtocol.Tls ? _tlsCa : null,
        };
        configure?.Invoke(options);
        return options;
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException("boom ü\nsecond line");
        }
        catch (InvalidOperationException ex)
        {
            return ex;
        }
    }
}
