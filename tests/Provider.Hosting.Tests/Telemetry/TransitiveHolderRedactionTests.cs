using System.Diagnostics.CodeAnalysis;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;
using Placement = LoguStyle.Hosting.Tests.Telemetry.FieldRedactionTests.Placement;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A holder with no classified member of its own, whose member's type has one, 1-4 levels down (outside20f F1:
/// <c>class FTyped { FInnerS Inner; }</c> with <c>struct FInnerS { [PrivateData] string Pin; }</c>), is walked when nested:
/// its own ToString printed the secret raw. Generated chains of class, struct and record holders, holding the next one
/// by a field, a property, a list, an array or a tuple, placed itself, in an anonymous object, a list, an array or a
/// dictionary and logged six ways, write no secret in any sink kind, and a marker per record.
/// </summary>
public sealed class TransitiveHolderRedactionTests
{
    private const string Deeper = "nested deeper than";

    /// <summary>How one level holds the next.</summary>
    public enum Level
    {
        ClassField,
        ClassProperty,
        StructField,
        StructProperty,
        Record,
        ClassList,
        StructArray,
        ClassTuple,
    }

    [Property(MaxTest = 8, Arbitrary = [typeof(Chains)])]
    public Task AChainOfHoldersAboveAClassifiedMember_IsWalked_NeverWrittenRaw_InEveryApiAndSinkKind(Chain[] chains) =>
        ShapesInEverySink.NeverRawAsync("{extra[Value]} {scopes}", 6, chains, (sink, output, described) =>
        {
            // A chain deeper than the walk goes is its depth marker there, never its ToString.
            var markers = Thrown.Occurrences(output, ShapesInEverySink.Marker) + Thrown.Occurrences(output, Deeper);
            Assert.True(markers >= 6 * chains.Length, $"{sink} lacks a marker per record ({described}): {output}");
        });

    /// <summary>outside20f F1's exact shape: a class holding, by a field, a struct with a classified field, bound in an anonymous object.</summary>
    [Fact]
    public async Task AClassHoldingAStructWithAClassifiedField_ReadsAsItsMembers_AndAsAJsonObject()
    {
        var chain = new Chain([Level.ClassField], Placement.InAnAnonymousObject, "SECRETF1");
        var outputs = await ShapesInEverySink.LogAsync("{extra[Value]}", 6, [chain]);

        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(chain.Secret, StringComparison.Ordinal), $"{sink} wrote the secret: {output}");
            var expected = !sink.EndsWith(".json", StringComparison.Ordinal) ? "ClassField { Inner = Pin { Value = <redacted: Sensitive> } }"
                : sink.Contains("Otel", StringComparison.Ordinal) ? """{"key":"Value","value":{"stringValue":"<redacted: Sensitive>"}}"""
                : """{"Inner":{"Value":"<redacted: Sensitive>"}}""";
            Assert.True(Thrown.Occurrences(output, expected) >= 4, $"{sink} lacks {expected}: {output}");
        }
    }

    /// <summary>One generated chain: the levels from the outermost to the one holding the <see cref="Pin"/>.</summary>
    public sealed record Chain(Level[] Levels, Placement Placement, string Secret) : ISecretShape
    {
        public void Log(ILogger logger) => Wrap(logger, new Pin { Value = Secret }, Levels.Length - 1);

        public override string ToString() => $"Chain {{ Levels = [{string.Join(", ", Levels)}], Placement = {Placement}, Secret = {Secret} }}";

        // Wraps the value in the level's holder, innermost first, then places the outermost.
        private void Wrap<[DynamicallyAccessedMembers(EverySinkKind.Bound)] T>(ILogger logger, T value, int level)
            where T : notnull
        {
            if (level < 0)
            {
                FieldRedactionTests.Shape.Placed(logger, value, Placement);
                return;
            }

            switch (Levels[level])
            {
                case Level.ClassField:
                    Wrap(logger, new ClassField<T> { Inner = value }, level - 1);
                    break;
                case Level.ClassProperty:
                    Wrap(logger, new ClassProperty<T> { Inner = value }, level - 1);
                    break;
                case Level.StructField:
                    Wrap(logger, new StructField<T> { Inner = value }, level - 1);
                    break;
                case Level.StructProperty:
                    Wrap(logger, new StructProperty<T> { Inner = value }, level - 1);
                    break;
                case Level.Record:
                    Wrap(logger, new Record<T>(value), level - 1);
                    break;
                case Level.ClassList:
                    Wrap(logger, new ClassList<T> { Items = [value] }, level - 1);
                    break;
                case Level.StructArray:
                    Wrap(logger, new StructArray<T> { Items = [value] }, level - 1);
                    break;
                default:
                    Wrap(logger, new ClassTuple<T> { Pair = (value, 1) }, level - 1);
                    break;
            }
        }
    }

    /// <summary>The generated chains: one to five, each 1-4 levels deep with a secret of its own.</summary>
    public static class Chains
    {
        public static Arbitrary<Chain[]> ChainList() =>
            Gen.Choose(1, 5).SelectMany(count =>
                Gen.Choose(1, 4).SelectMany(depth => Gen.Elements(Enum.GetValues<Level>()).ArrayOf(depth))
                    .SelectMany(levels => Gen.Elements(Enum.GetValues<Placement>()).Select(placement => (levels, placement)))
                    .SelectMany(c => Gen.Choose(0, 999_999).Select(n => new Chain(c.levels, c.placement, $"SECRET{n:D6}T")))
                    .ArrayOf(count))
                .ToArbitrary();
    }

    /// <summary>The classified member at the bottom: a struct's field, printed by its own text (as F1's FInnerS).</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    [SuppressMessage("Performance", "CA1815", Justification = "Never compared.")]
    public struct Pin
    {
        [Sensitive]
        public string Value;

        public override readonly string ToString() => Value;
    }

    // The holders: no classified member of their own; each one's text prints what it holds.
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public sealed class ClassField<T>
    {
        public T? Inner;

        public override string? ToString() => Inner?.ToString();
    }

    public sealed class ClassProperty<T>
    {
        public T? Inner { get; set; }

        public override string? ToString() => Inner?.ToString();
    }

    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    [SuppressMessage("Performance", "CA1815", Justification = "Never compared.")]
    public struct StructField<T>
    {
        public T? Inner;

        public override readonly string? ToString() => Inner?.ToString();
    }

    [SuppressMessage("Performance", "CA1815", Justification = "Never compared.")]
    public struct StructProperty<T>
    {
        public T? Inner { get; set; }

        public override readonly string? ToString() => Inner?.ToString();
    }

    public sealed record Record<T>(T Inner);

    public sealed class ClassList<T>
    {
        [SuppressMessage("Usage", "CA2227", Justification = "Set in the test's initializer.")]
        public List<T> Items { get; set; } = [];

        public override string ToString() => string.Join(", ", Items);
    }

    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    [SuppressMessage("Performance", "CA1815", Justification = "Never compared.")]
    [SuppressMessage("Performance", "CA1819", Justification = "An array member is the shape under test.")]
    public struct StructArray<T>
    {
        public T[] Items;

        public override readonly string ToString() => string.Join(", ", Items);
    }

    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public sealed class ClassTuple<T>
    {
        public (T, int) Pair;

        public override string ToString() => Pair.ToString();
    }
}
