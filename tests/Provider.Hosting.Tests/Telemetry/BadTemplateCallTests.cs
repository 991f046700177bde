using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

#pragma warning disable CA1848, CA2254 // The template API is what is under test.

/// <summary>
/// A template MEL cannot parse (<c>"x}y {A}"</c>, <c>"{A"</c>) given to LoguStyle's own calls never throws into the
/// application and loses no record: Catch still catches and logs (outside20b D1), Success and Log("NAME") write the
/// template as it stands with its arguments (D3), in every sink kind.
/// </summary>
public sealed class BadTemplateCallTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Catch_WithABadTemplateInItsMessage_CatchesAndWritesOneRecord_InEverySinkKind()
    {
        var outputs = await LogEverywhere(5, async logger =>
        {
            logger.Catch(() => throw new InvalidOperationException("boom-action"), message: "x}y {Caller}");
            Assert.Equal(-1, logger.Catch<int>(() => throw new InvalidOperationException("boom-func"), defaultValue: -1, message: "}{Caller}{"));
            await logger.CatchAsync(() => throw new InvalidOperationException("boom-async"), message: "x}y {Caller} {Other");
            Assert.Equal(-2, await logger.CatchAsync<int>(() => throw new InvalidOperationException("boom-async-func"), defaultValue: -2, message: "{{x}}} {Caller}"));

            // A {Caller} hole MEL refuses (its alignment is no number): the message is written as it stands.
            logger.Catch(() => throw new InvalidOperationException("boom-alignment"), message: "{Caller,x} at");
        });

        var caller = nameof(Catch_WithABadTemplateInItsMessage_CatchesAndWritesOneRecord_InEverySinkKind);
        foreach (var (sink, output) in outputs)
        {
            foreach (var boom in (string[])["boom-action", "boom-func", "boom-async", "boom-async-func", "boom-alignment"])
            {
                Assert.True(output.Contains(boom, StringComparison.Ordinal), $"{sink} lacks {boom}: {output}");
            }

            // The message as it stands, {Caller} filled (JSON escapes nothing in these).
            Assert.True(output.Contains($"x}}y {caller}", StringComparison.Ordinal), $"{sink}: {output}");
            Assert.True(output.Contains($"}}{caller}{{", StringComparison.Ordinal), $"{sink}: {output}");
            Assert.True(output.Contains($"x}}y {caller} {{Other", StringComparison.Ordinal), $"{sink}: {output}");
            Assert.True(output.Contains("{Caller,x} at", StringComparison.Ordinal), $"{sink}: {output}");
        }
    }

    [Fact]
    public async Task SuccessAndLogByName_WithATemplateMelCannotParse_DoNotThrow_AndWriteTheTemplateWithItsArguments_InEverySinkKind()
    {
        var outputs = await LogEverywhere(3, logger =>
        {
            logger.Success("x}y {A}", "first-arg");
            logger.Log("WARNING", "{A", "second-arg");
            logger.Log("SUCCESS", new InvalidOperationException("boom-success"), "}{B}", "third-arg", 4);
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            foreach (var part in (string[])["x}y {A}", "first-arg", "{A", "second-arg", "}{B}", "third-arg", "boom-success"])
            {
                Assert.True(output.Contains(part, StringComparison.Ordinal), $"{sink} lacks {part}: {output}");
            }
        }
    }

    /// <summary>Runs <paramref name="log"/> on a host with every sink kind; <paramref name="records"/> records are expected.</summary>
    private Task<Dictionary<string, string>> LogEverywhere(int records, Func<ILogger, Task> log) =>
        EverySinkKind.LogAsync(_folder, "{exception}", records, log);
}
