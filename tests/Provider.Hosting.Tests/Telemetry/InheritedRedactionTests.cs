using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A classification declared on a BASE type (a base record's positional parameter, a base class's property, several
/// levels up, through a generic base or an explicit constructor) holds for an object of a derived type, in Bind and
/// Contextualize, generic and as object, in every sink kind (issue 18; an outside tester found the derived record
/// written raw, defect D2 of outside20b).
/// </summary>
public sealed class InheritedRedactionTests : IDisposable
{
    private const string Secret = "SECRET-MAIL";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>The type shapes: each holds <see cref="Secret"/> in a property classified only on a base.</summary>
    public static TheoryData<string> Shapes => [.. ShapesByName.Keys];

    // Each shape logs four records: Bind and Contextualize, generic (T is the derived type) and as object.
    private static Dictionary<string, Action<ILogger>> ShapesByName { get; } = new()
    {
        ["derived record repeating the parameter"] = logger => EverySinkKind.LogBoundFourWays(logger, new DerivedRecord(Secret, "id-1")),
        ["derived record without the parameter"] = logger => EverySinkKind.LogBoundFourWays(logger, new FixedMailRecord("id-1")),
        ["generic base record"] = logger => EverySinkKind.LogBoundFourWays(logger, new GenericDerivedRecord(Secret, "id-1")),
        ["derived record with an explicit constructor"] = logger => EverySinkKind.LogBoundFourWays(logger, new ExplicitRecord(Secret)),
        ["three levels of records"] = logger => EverySinkKind.LogBoundFourWays(logger, new ThirdRecord(Secret, "id-1", 3)),
        ["derived class of a classified class"] = logger => EverySinkKind.LogBoundFourWays(logger, new DerivedClass { Email = Secret, Id = "id-1" }),
        ["a derived record typed as its base"] = logger => EverySinkKind.LogBoundFourWays<MailRecord>(logger, new DerivedRecord(Secret, "id-1")),
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ClassificationOnABaseType_IsHonoured_ForADerivedObject_InEveryApiAndSinkKind(string shape)
    {
        var outputs = await EverySinkKind.LogAsync(_folder, "{extra[Email]} {scopes}", 4, logger =>
        {
            ShapesByName[shape](logger);
            return Task.CompletedTask;
        });

        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(Secret, StringComparison.Ordinal), $"{shape}: {sink} wrote the secret: {output}");
            Assert.True(Thrown.Occurrences(output, "<redacted: Sensitive>") >= 4, $"{shape}: {sink}: {output}");
        }
    }

    public record MailRecord([Sensitive] string Email);

    public sealed record DerivedRecord(string Email, string Id) : MailRecord(Email);

    public sealed record FixedMailRecord(string Id) : MailRecord(Secret);

    public record GenericMailRecord<TId>([Sensitive] string Email, TId Id);

    public sealed record GenericDerivedRecord(string Email, string Id) : GenericMailRecord<string>(Email, Id);

    public sealed record ExplicitRecord : MailRecord
    {
        public ExplicitRecord(string email)
            : base(email)
        {
        }
    }

    public record SecondRecord(string Email, string Id) : MailRecord(Email);

    public sealed record ThirdRecord(string Email, string Id, int Level) : SecondRecord(Email, Id);

    public class MailClass
    {
        [Sensitive]
        public string Email { get; set; } = string.Empty;
    }

    public sealed class DerivedClass : MailClass
    {
        public string Id { get; set; } = string.Empty;
    }
}
