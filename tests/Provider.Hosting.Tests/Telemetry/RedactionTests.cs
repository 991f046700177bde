using System.Collections.Concurrent;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// Values classified as sensitive and redacted by Microsoft.Extensions.Compliance.Redaction (<c>EnableRedaction</c>, a
/// <c>[LoggerMessage]</c> method with <c>[LogProperties]</c> and a data classification attribute) are written redacted
/// and never raw, by every kind of sink at once (issue 18.4, item 3).
/// </summary>
public partial class RedactionTests : IDisposable
{
    private const string Email = "ann@example.com";
    private const string Card = "4111111111111111";
    private const string Passport = "P-99887766";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task SensitiveValues_AreWrittenRedacted_AndNeverRaw_ByEverySink()
    {
        var sinks = new EverySinkKind(_folder);
        var builder = Redacting(log => sinks.AddTo(log, "{extra[customer.Id]} {extra[customer.Email]} {extra[customer.Card]} {extra[passport]}"));
        await LogRefusals(builder, () => sinks.WaitForSyslog(20));

        foreach (var (sink, output) in await sinks.OutputsAsync())
        {
            foreach (var secret in (string[])[Email, Card, Passport])
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{sink} wrote {secret}: {output}");
            }

            // Written redacted (each record names the customer's id, which is not classified).
            Assert.True(Thrown.Occurrences(output, "REDACTED") >= 20, $"{sink}: {output}");
            Assert.Contains("42", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task BoundObjects_WithClassifiedProperties_AreNeverWrittenRaw_ByEverySinkKind_UnclassifiedOnesAre()
    {
        // Bind and Contextualize read an object's properties themselves (the telemetry stack's redaction never sees
        // them): a property with a data classification is bound as a marker, in every overload and every sink kind.
        var sinks = new EverySinkKind(_folder);
        var builder = Redacting(log => sinks.AddTo(log, "{extra[Id]} {extra[Email]} {extra[Card]} {extra[Note]} {scopes}"));
        using (var host = builder.Build())
        {
            await host.StartAsync();
            var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.Redaction");
            var customer = new BoundCustomer { Id = 42, Email = Email, Card = Card, Note = "plain note" };
            logger.Bind(customer).LogWarning("bound generic");
            logger.Bind((object)customer).LogWarning("bound as object");
            using (logger.Contextualize(customer))
            {
                logger.LogWarning("contextualized generic");
            }

            using (logger.Contextualize((object)customer))
            {
                logger.LogWarning("contextualized as object");
            }

            // Where C# puts the attribute for a property: a base class's virtual property, a record's positional
            // parameter, an interface member (an outside tester found each written raw).
            logger.Bind((object)new OverridingCustomer { Email = Email }).LogWarning("bound override");
            logger.Bind(new OverridingCustomer { Email = Email }).LogWarning("bound override generic");
            logger.Bind((object)new PositionalCustomer(42, Card)).LogWarning("bound record");
            logger.Bind(new PositionalCustomer(42, Card)).LogWarning("bound record generic");
            logger.Bind((object)new ImplementingCustomer { Email = Email }).LogWarning("bound interface");
            using (logger.Contextualize((object)new PositionalCustomer(42, Card)))
            {
                logger.LogWarning("contextualized record");
            }

            sinks.WaitForSyslog(10);
            await host.StopAsync();
        }

        foreach (var (sink, output) in await sinks.OutputsAsync())
        {
            foreach (var secret in (string[])[Email, Card])
            {
                Assert.False(output.Contains(secret, StringComparison.Ordinal), $"{sink} wrote {secret}: {output}");
            }

            Assert.True(Thrown.Occurrences(output, "<redacted: Sensitive>") >= 14, $"{sink}: {output}");
            Assert.True(Thrown.Occurrences(output, "plain note") >= 4, $"{sink}: {output}");
        }
    }

    [Fact]
    public async Task RecordsKeptByADelegateSink_ReadAfterTheCall_HoldTheRedactedValues()
    {
        // Without a queue, the record's values are copied by reference; the ExtendedLogger's redacting values are lent
        // for the call only (it pools and resets them once the call returns).
        var kept = new ConcurrentQueue<LogRecord>();
        await LogRefusals(Redacting(log => log.AddSink(kept.Enqueue)), () => { });

        var records = kept.Where(r => r.Category == "Tests.Redaction").ToList();
        Assert.Equal(20, records.Count);
        foreach (var record in records)
        {
            var values = record.Properties.ToDictionary(p => p.Key, p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal("REDACTED", values["passport"]);
            Assert.Equal("REDACTED", values["customer.Email"]);
            Assert.Equal("REDACTED", values["customer.Card"]);
            Assert.Equal("42", values["customer.Id"]);
        }
    }

    /// <summary>
    /// What redaction does not cover (docs/telemetry.md): a value without a data classification is written as given,
    /// redaction on or not: bound with Bind or Contextualize, or an argument of MEL's own template API.
    /// </summary>
    [Fact]
    public async Task UnclassifiedValues_BoundContextualizedOrTemplateArguments_AreWrittenAsGiven()
    {
        var path = _folder.File("unclassified.log");
        using var host = Redacting(log => log.AddFile(path, format: "{message} {extra[passport]} {extra[email]} {scopes}")).Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.Redaction");
        using (logger.Contextualize("email", Email))
        {
            logger.Bind("passport", Passport).LogWarning("Card {Card}", Card);
        }

        await host.StopAsync();

        Assert.Equal($"Card {Card} {Passport} {Email} email={Email} => passport={Passport}", File.ReadAllLines(path).Single(l => l.StartsWith("Card ", StringComparison.Ordinal)));
    }

    private static HostApplicationBuilder Redacting(Action<LoguStyleBuilder> sinks)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddLoguStyle(sinks).EnableRedaction();
        builder.Services.AddRedaction(redaction => redaction.SetRedactor<MaskRedactor>(new DataClassificationSet(SensitiveAttribute.Sensitive)));
        return builder;
    }

    /// <summary>Logs 20 refusals of one customer with sensitive values, waits for <paramref name="delivered"/>, stops the host.</summary>
    private static async Task LogRefusals(HostApplicationBuilder builder, Action delivered)
    {
        using var host = builder.Build();
        await host.StartAsync();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tests.Redaction");
        var customer = new Customer { Id = 42, Email = Email, Card = Card };
        for (var i = 0; i < 20; i++)
        {
            Refused(logger, i, customer, Passport);
        }

        delivered();
        await host.StopAsync();
    }

    [LoggerMessage(20, LogLevel.Warning, "Order {OrderId} refused")]
    private static partial void Refused(ILogger logger, int orderId, [LogProperties] Customer customer, [Sensitive] string passport);

    /// <summary>A logged type whose members carry data classifications, as an application's model does.</summary>
    public sealed class Customer
    {
        public int Id { get; set; }

        [Sensitive]
        public string Email { get; set; } = string.Empty;

        [Sensitive]
        public string Card { get; set; } = string.Empty;
    }

    /// <summary>A bound type: two classified members, one declared unclassified, one without an attribute.</summary>
    public sealed class BoundCustomer
    {
        public int Id { get; set; }

        [Sensitive]
        public string Email { get; set; } = string.Empty;

        [Sensitive]
        public string Card { get; set; } = string.Empty;

        [NoDataClassification]
        public string Note { get; set; } = string.Empty;
    }

    /// <summary>A base whose virtual property is classified; the override in <see cref="OverridingCustomer"/> repeats no attribute.</summary>
    public class ClassifiedBase
    {
        [Sensitive]
        public virtual string Email { get; set; } = string.Empty;
    }

    public sealed class OverridingCustomer : ClassifiedBase
    {
        public override string Email { get; set; } = string.Empty;
    }

    /// <summary>A record whose positional parameter carries the attribute (C# puts it on the parameter only).</summary>
    public sealed record PositionalCustomer(int Id, [Sensitive] string Card);

    public interface IHasEmail
    {
        [Sensitive]
        string Email { get; }
    }

    public sealed class ImplementingCustomer : IHasEmail
    {
        public string Email { get; set; } = string.Empty;
    }
}
