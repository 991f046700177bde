using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A bound value that is itself a data object (a record, a record nested in a record, an anonymous object, an object
/// with a classified property), bound inside an object, by name or as a dictionary's value, is read through the same
/// redacting walk as the bound object: its classified member is the marker, never raw (its compiler-made ToString
/// printed it: issue 18's leftover), and its other members are written, as a nested object in JSON and as the record's
/// own text elsewhere, in Bind and Contextualize, generic and as object, in every sink kind.
/// </summary>
public sealed class NestedRedactionTests : IDisposable
{
    private const string Secret = "SECRET-NESTED";
    private const string Text = "UserDto { Id = 7, Email = <redacted: Sensitive> }";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The shapes: each holds a <c>UserDto(7, Secret)</c> somewhere below what is bound.</summary>
    public static TheoryData<string> Shapes => [.. ShapesByName.Keys];

    // Each shape logs six records: Bind and Contextualize, generic, as object and by name (the value, or byName).
    private static Dictionary<string, Action<ILogger>> ShapesByName { get; } = new()
    {
        ["a record in an anonymous object"] = logger => LogSix(logger, new { User = new UserDto(7, Secret) }),
        ["a record in a record"] = logger => LogSix(logger, new Order(1, new UserDto(7, Secret))),
        ["a record three objects down"] = logger => LogSix(logger, new { Shop = new Shop("main", new Order(1, new UserDto(7, Secret))) }),
        ["a record as a dictionary's value, and bound by name"] = logger =>
            LogSix(logger, new Dictionary<string, object?> { ["User"] = new UserDto(7, Secret) }, byName: new UserDto(7, Secret)),
        ["a record in a list, and a list bound by name"] = logger =>
            LogSix(logger, new { User = new List<UserDto> { new(7, Secret) } }, byName: new List<UserDto> { new(7, Secret) }),
        ["a record in an array in a record"] = logger => LogSix(logger, new Team(1, [new UserDto(7, Secret)])),
        ["a record in a lazy IEnumerable"] = logger =>
            LogSix(logger, new { User = Enumerable.Repeat(new UserDto(7, Secret), 1) }, byName: Enumerable.Repeat(new UserDto(7, Secret), 1)),
        ["a record in a nested dictionary, and a dictionary bound by name"] = logger =>
            LogSix(logger, new Dictionary<string, object?> { ["User"] = new Dictionary<string, UserDto> { ["a"] = new(7, Secret) } },
                byName: new Dictionary<string, UserDto> { ["a"] = new(7, Secret) }),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ANestedRecordsClassifiedMember_IsItsMarker_ItsOtherMembersAreWritten_InEveryApiAndSinkKind(string shape)
    {
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[User]} {scopes}", 6, logger =>
        {
            ShapesByName[shape](logger);
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(Secret, StringComparison.Ordinal), $"{shape}: {sink} wrote the secret: {output}");
            Assert.True(Thrown.Occurrences(output, "<redacted: Sensitive>") >= 6, $"{shape}: {sink}: {output}");
            var expected = !sink.EndsWith(".json", StringComparison.Ordinal) ? Text
                : sink.Contains("Otel", StringComparison.Ordinal) ? """{"key":"Id","value":{"intValue":"7"}}"""
                : """{"Id":7,"Email":"<redacted: Sensitive>"}""";
            Assert.True(Thrown.Occurrences(output, expected) >= 6, $"{shape}: {sink} lacks {expected}: {output}");
        }
    }

    /// <summary>
    /// Inside a walked object, a list reads <c>[1, 2]</c>, a dictionary <c>{ k = 3 }</c>, a list of lists <c>[[1], [2]]</c>
    /// and null nothing, as the record's own text would (outside20d F4: they read <c>1, 2</c>, <c>[k, 3]</c>, the CLR type
    /// name and <c>(null)</c>); JSON writes arrays and objects.
    /// </summary>
    [Fact]
    public async Task ACollectionOrNullInsideAWalkedObject_ReadsAsTheRecordsOwnText()
    {
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[User]}", 4, logger =>
        {
            EverySinkKind.LogBoundFourWays(logger, new { User = new Holder(null, [1, 2], new() { ["k"] = 3 }, [[1], [2]], Secret) });
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(Secret, StringComparison.Ordinal), $"{sink} wrote the secret: {output}");
            var expected = sink.EndsWith(".json", StringComparison.Ordinal)
                ? sink.Contains("Otel", StringComparison.Ordinal) ? "arrayValue" : "\"Items\":[1,2],\"Map\":{\"k\":3},\"Grid\":[[1],[2]]"
                : sink == "syslog" ? @"Holder { Name = , Items = [1, 2\], Map = { k = 3 }, Grid = [[1\], [2\]\], Email = <redacted: Sensitive> }"
                : "Holder { Name = , Items = [1, 2], Map = { k = 3 }, Grid = [[1], [2]], Email = <redacted: Sensitive> }";
            Assert.True(Thrown.Occurrences(output, expected) >= 4, $"{sink} lacks {expected}: {output}");
        }
    }

    /// <summary>
    /// The deeper-than-4 marker names the type as the walk does: an anonymous object <c>{ }</c>, a generic record without
    /// its arity (outside20d F3: it read <c>&lt;&lt;&gt;f__AnonymousType10`1 ...&gt;</c> and <c>GNode`1</c>).
    /// </summary>
    [Fact]
    public async Task TheDeeperThanFourMarker_NamesTheTypeAsTheWalkDoes()
    {
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[User]}", 4, logger =>
        {
            var deep = new { A = new { B = new { C = new { D = new { E = 1 } } } } };
            var generic = new GNode<string>("a", new GNode<string>("b", new GNode<string>("c", new GNode<string>("d", new GNode<string>("e", null)))));
            EverySinkKind.LogBoundFourWays(logger, new { User = new { Deep = deep.A, Generic = generic } });
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            Assert.True(Thrown.Occurrences(output, "<{ } nested deeper than 4>") >= 4, $"{sink}: {output}");
            Assert.True(Thrown.Occurrences(output, "<GNode nested deeper than 4>") >= 4, $"{sink}: {output}");
            Assert.False(output.Contains("AnonymousType", StringComparison.Ordinal) || output.Contains("GNode`1", StringComparison.Ordinal), $"{sink}: {output}");
        }
    }

    /// <summary>A collection that never ends, inside a bound object, is cut at 1000 items, the last the marker for the rest.</summary>
    [Fact]
    public async Task AnEndlessCollectionInsideABoundObject_IsCutAt1000Items_WithAMarker()
    {
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[User]}", 4, logger =>
        {
            EverySinkKind.LogBoundFourWays(logger, new { User = Endless() });
            return Task.CompletedTask;
        });

        // Syslog cuts a message at its own size limit before the 1000th item, so it is left out here.
        foreach (var (sink, output) in outputs.Where(o => o.Key != "syslog"))
        {
            Assert.True(Thrown.Occurrences(output, "<more than 1000 items: the rest not written>") >= 4, $"{sink}: {output[..Math.Min(output.Length, 2000)]}");
        }

        static IEnumerable<int> Endless()
        {
            for (var i = 0; ; i++)
            {
                yield return i;
            }
        }
    }

    [Fact]
    public async Task AListThatHoldsItselfAThousandTimes_InsideABoundObject_StopsAtTheValueBudget_AndTheCallReturns()
    {
        // 1000 items 4 levels deep would be 10^12 values read inside the logging call.
        var self = new List<object>();
        for (var i = 0; i < 1000; i++)
        {
            self.Add(self);
        }

        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[User]}", 4, logger =>
            Task.Run(() => EverySinkKind.LogBoundFourWays(logger, new { User = self })).WaitAsync(TimeSpan.FromSeconds(60)));

        // Syslog cuts a message at its own size limit before the marker, so it is left out here.
        foreach (var (sink, output) in outputs.Where(o => o.Key != "syslog"))
        {
            Assert.True(Thrown.Occurrences(output, "<more than 10000 values below one bound value: the rest not written>") >= 4, $"{sink}: {output[..Math.Min(output.Length, 2000)]}");
        }
    }

    private static void LogSix<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] T>(ILogger logger, T value, object? byName = null)
        where T : notnull
    {
        EverySinkKind.LogBoundFourWays(logger, value);
        logger.Bind("Value", byName ?? value).LogWarning("bound by name");
        using (logger.Contextualize("Value", byName ?? value))
        {
            logger.LogWarning("contextualized by name");
        }
    }

    public sealed record UserDto(int Id, [Sensitive] string Email);

    public sealed record Order(int Number, UserDto User);

    public sealed record Holder(string? Name, List<int> Items, Dictionary<string, int> Map, List<List<int>> Grid, [Sensitive] string Email);

    public sealed record GNode<T>(T Value, GNode<T>? Child);

    public sealed record Team(int Number, UserDto[] User);

    public sealed record Shop(string Name, Order Order);
}
