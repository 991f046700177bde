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

    private static void LogSix<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.Interfaces)] T>(ILogger logger, T value, object? byName = null)
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

    public sealed record Shop(string Name, Order Order);
}
