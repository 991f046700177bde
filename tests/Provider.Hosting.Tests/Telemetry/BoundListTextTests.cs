using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A list bound by name reads the same in <c>{extra[V]}</c> and <c>{scopes}</c>, as api.md says: <c>a, b</c>, as a MEL
/// list argument, a null item <c>(null)</c>; inside a walked object it reads <c>[a, b]</c>, a null item nothing, as a
/// record's member does (outside20e D5: <c>{extra[V]}</c> read <c>[1, 2]</c> and dropped a leading null with its separator).
/// </summary>
public sealed class BoundListTextTests
{
    [Property(MaxTest = 10, Arbitrary = [typeof(Lists)])]
    public async Task AnyListBoundByNameOrInAnObject_ReadsTheSame_InExtraAndScopes_InEveryTextSink(int?[] items)
    {
        using var folder = new TempFolder();
        var outputs = await EverySinkKind.LogAsync(folder, "|{extra[V]}|{extra[W]}|{scopes}|", 3, logger =>
        {
            var list = items.Cast<object?>().ToList();
            logger.Bind("V", list).LogWarning("by name");
            logger.Bind(new { V = list }).LogWarning("in an anonymous object");
            logger.Bind("W", new Box(list)).LogWarning("in a record");
            return Task.CompletedTask;
        });

        var flat = string.Join(", ", items.Select(i => i?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(null)"));
        var walked = "[" + string.Join(", ", items.Select(i => i?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)) + "]";
        foreach (var sink in new[] { "console", "app.log", "queued.log" })
        {
            var lines = outputs[sink].Split('\n');
            var scopes = sink == "app.log" ? $" V={flat}" : string.Empty;
            Assert.Contains($"by name |{flat}||V={flat}|{scopes}", lines);
            Assert.Contains($"in an anonymous object |{flat}||V={flat}|{scopes}", lines);
            Assert.Contains($"in a record ||Box {{ Items = {walked} }}|W=Box {{ Items = {walked} }}|" + (sink == "app.log" ? $" W=Box {{ Items = {walked} }}" : string.Empty), lines);
        }
    }

    /// <summary>A record holding a list: its text is the walk's, as its own ToString would read.</summary>
    public sealed record Box(List<object?> Items);

    /// <summary>Lists of zero to six numbers, a third of them null, nulls first and last included.</summary>
    public static class Lists
    {
        public static Arbitrary<int?[]> Items() =>
            Gen.Choose(0, 6).SelectMany(count =>
                Gen.Frequency((1, Gen.Constant<int?>(null)), (2, Gen.Choose(0, 99).Select(n => (int?)n))).ArrayOf(count))
                .ToArbitrary();
    }
}
