using System.Text.Json;
using LoguStyle.Files;
using LoguStyle.Sinks;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Tests.Api;

/// <summary>
/// Loguru's <c>bind</c> semantics through the public API, in every kind of sink: a later bind of a name wins, and
/// <c>{scopes}</c> (text and JSON) lists the binds in the order they were made, a rebound name in its first place.
/// </summary>
public class BindTests : IDisposable
{
    private const string Format = "{message} UserId={extra[UserId]} | {scopes}";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Bind_SameNameTwice_TheLaterWins_InEverySink()
    {
        var lines = Log(logger => logger.Bind("UserId", 1).Bind("UserId", 2).LogInformation("hello"));

        Assert.All(lines.Text, line => Assert.Equal("hello UserId=2 | UserId=2", line));
        Assert.Equal("""[{"UserId":2}]""", lines.JsonScopes);
        Assert.Equal(2, lines.Delegate);
    }

    [Fact]
    public void BindAndContextualize_NullOrEmptyName_ThrowArgumentException_AtTheCall_AndTheLoggerLogsOnAfterIt()
    {
        // A name is a programming error at the call site, as .NET's ArgumentException.ThrowIfNullOrEmpty makes it; no
        // record is in flight (Bind and Contextualize log nothing), and the logger is untouched (docs/api.md, Bind).
        var lines = Log(logger =>
        {
            Assert.Throws<ArgumentNullException>(() => logger.Bind(null!, 1));
            Assert.Throws<ArgumentException>(() => logger.Bind(string.Empty, 1));
            Assert.Throws<ArgumentNullException>(() => logger.Contextualize(null!, 1));
            Assert.Throws<ArgumentException>(() => logger.Contextualize(string.Empty, 1));
            logger.Bind("UserId", 5).LogInformation("hello");
        });

        Assert.All(lines.Text, line => Assert.Equal("hello UserId=5 | UserId=5", line));
    }

    [Fact]
    public void Bind_Chained_ScopesListTheBindsInTheOrderTheyWereMade()
    {
        var lines = Log(logger => logger.Bind("UserId", 1).Bind("Tenant", "acme").Bind(new { UserId = 3, Region = "eu" }).LogInformation("hello"));

        Assert.All(lines.Text, line => Assert.Equal("hello UserId=3 | UserId=3, Tenant=acme, Region=eu", line));
        Assert.Equal("""[{"UserId":3,"Tenant":"acme","Region":"eu"}]""", lines.JsonScopes);
        Assert.Equal(3, lines.Delegate);
    }

    [Fact]
    public void Bind_TheLoggerBoundEarlier_KeepsItsOwnValue()
    {
        var lines = Log(logger =>
        {
            var first = logger.Bind("UserId", 1);
            _ = first.Bind("UserId", 2);
            first.LogInformation("hello");
        });

        Assert.All(lines.Text, line => Assert.Equal("hello UserId=1 | UserId=1", line));
        Assert.Equal(1, lines.Delegate);
    }

    /// <summary>
    /// Outside test of issue 18: a bound object whose property getter throws threw TargetInvocationException into the
    /// application and the record was written nowhere. The property becomes a marker; the record is written everywhere.
    /// </summary>
    [Fact]
    public void Bind_AnObjectWhosePropertyThrows_TheValueIsAMarker_TheRecordIsWrittenInEverySink()
    {
        var lines = Log(logger => logger.Bind("UserId", 5).Bind(new ThrowingGetter()).LogInformation("hello"));

        Assert.All(lines.Text, line => Assert.Equal("hello UserId=5 | UserId=5, Broken=<ThrowingGetter.Broken threw InvalidOperationException>, Fine=1", line));
        Assert.Equal("""[{"UserId":5,"Broken":"<ThrowingGetter.Broken threw InvalidOperationException>","Fine":1}]""", lines.JsonScopes);
    }

    [Fact]
    public void Contextualize_AnObjectWhosePropertyThrows_TheValueIsAMarker_TheRecordIsWrittenInEverySink()
    {
        var lines = Log(logger =>
        {
            using (logger.Contextualize(new ThrowingGetter()))
            {
                logger.Bind("UserId", 5).LogInformation("hello");
            }
        });

        Assert.All(lines.Text, line => Assert.Contains("Broken=<ThrowingGetter.Broken threw InvalidOperationException>, Fine=1", line, StringComparison.Ordinal));
    }

    private (string[] Text, string JsonScopes, object? Delegate) Log(Action<ILogger> log)
    {
        var console = new MemoryConsole();
        LogRecord? kept = null;
        var options = new LoguStyleLoggerOptions
        {
            Sinks =
            {
                console.Sink(format: Format, colorize: ColorMode.Never),
                new FileSinkOptions(_folder.File("app.log")) { Format = Format },
                new FileSinkOptions(_folder.File("app.json")) { Serialize = true },
                new DelegateSinkOptions("records", record => kept = record),
            },
        };
        using (var provider = new LoguStyleLoggerProvider(options))
        {
            log(provider.CreateLogger("c"));
        }

        Assert.NotNull(kept);
        Assert.True(kept.TryGetProperty("UserId", out var userId));
        using var json = JsonDocument.Parse(File.ReadAllLines(_folder.File("app.json")).Single());
        return (
            [.. console.Lines, .. File.ReadAllLines(_folder.File("app.log"))],
            json.RootElement.GetProperty("scopes").GetRawText(),
            userId);
    }

    private sealed class ThrowingGetter
    {
        private readonly int _fine = 1;

        public int Broken => _fine > 0 ? throw new InvalidOperationException("no") : _fine;

        public int Fine => _fine;
    }
}
