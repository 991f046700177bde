using System.Globalization;
using LoguStyle.Formatting;
using LoguStyle.Pipeline;
using LoguStyle.Tests.Diagnostics;
using LoguStyle.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LoguStyle.Tests.Formatting;

#pragma warning disable CA2023 // Templates MEL refuses (a stray brace) are what is under test.

/// <summary>
/// Once the template cache holds its 2,048 texts (an app with more distinct templates, or one logging interpolated
/// strings as templates), a template seen after that is still read once, not on every record: a record keeps its
/// template only when MEL accepts it (<see cref="RecordCapture.KeptTemplate"/>), and that answer came from parsing the
/// text again on every call (issue 20). The cache is the process's, so these tests run alone, after it is filled.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class MessageTemplateCacheTests(FullTemplateCache cache, ITestOutputHelper output) : IClassFixture<FullTemplateCache>, IDisposable
{
    // Less than the smallest object (24 bytes): a parse on every call shows; nothing else does.
    private const int Slack = 8;

    private const string Refused = "Refused } after the cache filled";
    private const string Accepted = "Accepted {{escaped}} after the cache filled";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LogInformation_TemplateFirstSeenOnceTheCacheIsFull_AllocatesNoMoreThanOneSeenBefore()
    {
        var acceptedAfter = FullTemplateCache.BytesPerCall(() => cache.Logger.LogInformation("Escaped {{b}} value"));
        var refusedAfter = FullTemplateCache.BytesPerCall(() => cache.Logger.LogInformation("Stray } b value"));

        output.WriteLine($"accepted: {cache.AcceptedBefore} B/call before filling, {acceptedAfter} after; refused: {cache.RefusedBefore} before, {refusedAfter} after");
        Assert.InRange(acceptedAfter, 0, cache.AcceptedBefore + Slack);
        Assert.InRange(refusedAfter, 0, cache.RefusedBefore + Slack);
    }

    [Fact]
    public void KeptTemplate_CacheFull_RepeatedTemplateAllocatesNothing()
    {
        // Literals, and the same texts built anew for every call (as an interpolated string is): each is answered from
        // what the first call found, whether MEL accepts the text or not.
        string[] literals = ["Escaped {{c}} kept", "Stray } c refused", "Plain {C} kept", "Odd {{C} refused"];
        foreach (var literal in literals)
        {
            var built = Enumerable.Range(0, 64).Select(_ => string.Concat(literal.AsSpan(0, 5), literal.AsSpan(5))).ToArray();
            var expected = literal.EndsWith("kept", StringComparison.Ordinal) ? literal : null;
            Assert.Equal(expected, RecordCapture.KeptTemplate(literal));
            Assert.All(built, b => Assert.Equal(expected, RecordCapture.KeptTemplate(b)));

            var literalBytes = FullTemplateCache.BytesPerCall(() => RecordCapture.KeptTemplate(literal));
            var next = 0;
            var builtBytes = FullTemplateCache.BytesPerCall(() => RecordCapture.KeptTemplate(built[next++ % built.Length]));
            output.WriteLine($"'{literal}': {literalBytes} B/call, built anew {builtBytes}");
            Assert.Equal(0, literalBytes);
            Assert.Equal(0, builtBytes);
        }
    }

    [Fact]
    public void ForAndForMel_CacheFull_MoreNewTextsThanTheTableHasSlots_EachIsReadAsItself()
    {
        // Texts first seen after the cache filled take each other's slots in the table by text; each still answers for
        // its own text, in both readings, on every round.
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 1000; i++)
            {
                var plain = string.Create(CultureInfo.InvariantCulture, $"Late {i} {{V}}");
                Assert.Equal($"Late {i} {round}", MessageTemplate.For(plain)!.RenderText([new("V", round)]));
                Assert.Same(MessageTemplate.For(plain), MessageTemplate.ForMel(plain));

                var escaped = string.Create(CultureInfo.InvariantCulture, $"Late {i} {{{{V}}}}");
                Assert.Null(MessageTemplate.For(escaped));
                Assert.Equal($"Late {i} {{V}}", MessageTemplate.ForMel(escaped)!.RenderText([]));

                Assert.Null(MessageTemplate.ForMel(string.Create(CultureInfo.InvariantCulture, $"Late {i} }}")));
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LogInformation_CacheFull_TemplateMelRefusesIsNotKeptAndOneItAcceptsIs_EverySinkKind(bool enqueue)
    {
        // Twice: the first record asks MEL's reading, the second is answered from what the first found.
        for (var round = 0; round < 2; round++)
        {
            var refused = OneRecordInEverySink.Log(_folder, enqueue, "{message}", logger => logger.LogInformation(Refused));
            Assert.True(refused.Record.Template is null, $"delegate template (round {round}): {refused.Record.Template}");
            foreach (var (format, written) in refused.JsonTemplates())
            {
                Assert.True(written is null, $"{format} template (round {round}): {written}");
            }

            var accepted = OneRecordInEverySink.Log(_folder, enqueue, "{message}", logger => logger.LogInformation(Accepted));
            Assert.Equal(Accepted, accepted.Record.Template);
            foreach (var (format, written) in accepted.JsonTemplates())
            {
                Assert.True(written == Accepted, $"{format} template (round {round}): {written}");
            }
        }
    }
}
