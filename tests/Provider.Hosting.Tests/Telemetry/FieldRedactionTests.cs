using System.Diagnostics.CodeAnalysis;
using FsCheck;
using FsCheck.Xunit;
using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>
/// A classified PUBLIC FIELD is walked as a classified property is (outside20d F2): a class or struct whose classified
/// member is a field was not walked and its own ToString wrote the secret raw; a record's classified field was left out.
/// Generated shapes (a class, struct, record or record struct with the field, a class with the property, one nested in a
/// record's field; bound itself, in an anonymous object, a list, an array, a dictionary, by name; Bind and Contextualize,
/// generic and as object) are logged to every sink kind, and no sink writes a secret while each writes the marker.
/// </summary>
public sealed class FieldRedactionTests
{
    public enum Holder
    {
        FieldClass,
        PropertyClass,
        FieldStruct,
        FieldRecord,
        FieldRecordStruct,
        FieldInARecordsField,
    }

    public enum Placement
    {
        Itself,
        InAnAnonymousObject,
        InAList,
        InAnArray,
        AsADictionarysValue,
    }

    [Property(MaxTest = 8, Arbitrary = [typeof(Shapes)])]
    public Task AnyShapeWithAClassifiedFieldOrProperty_IsWrittenAsItsMarker_NeverRaw_InEveryApiAndSinkKind(Shape[] shapes) =>
        ShapesInEverySink.NeverRawAsync("{extra[Value]} {extra[Email]} {scopes}", 6, shapes, (sink, output, described) =>
            Assert.True(Thrown.Occurrences(output, ShapesInEverySink.Marker) >= 6 * shapes.Length, $"{sink} lacks a marker per record ({described}): {output}"));

    /// <summary>
    /// Each holder's text and JSON, bound in an anonymous object: its members in order (properties, then fields) with the
    /// classified one its marker, as the record's own text would read.
    /// </summary>
    [Theory]
    [InlineData(Holder.FieldClass, "FieldClass { Id = 7, Email = <redacted: Sensitive> }")]
    [InlineData(Holder.FieldStruct, "FieldStruct { Id = 7, Email = <redacted: Sensitive> }")]
    [InlineData(Holder.FieldRecord, "FieldRecord { Id = 7, Email = <redacted: Sensitive> }")]
    [InlineData(Holder.FieldRecordStruct, "FieldRecordStruct { Id = 7, Email = <redacted: Sensitive> }")]
    [InlineData(Holder.FieldInARecordsField, "Envelope { Number = 1, Inner = FieldClass { Id = 7, Email = <redacted: Sensitive> } }")]
    public async Task AHolderWithAClassifiedField_ReadsAsItsOwnText_AndAsAJsonObject(Holder holder, string text)
    {
        var shape = new Shape(holder, Placement.InAnAnonymousObject, "SECRETFIELD");
        var outputs = await ShapesInEverySink.LogAsync("{extra[Value]}", 6, [shape]);

        var json = holder == Holder.FieldInARecordsField
            ? """{"Number":1,"Inner":{"Id":7,"Email":"<redacted: Sensitive>"}}"""
            : """{"Id":7,"Email":"<redacted: Sensitive>"}""";
        foreach (var (sink, output) in outputs)
        {
            Assert.False(output.Contains(shape.Secret, StringComparison.Ordinal), $"{sink} wrote the secret: {output}");
            var expected = !sink.EndsWith(".json", StringComparison.Ordinal) ? text
                : sink.Contains("Otel", StringComparison.Ordinal) ? """{"key":"Email","value":{"stringValue":"<redacted: Sensitive>"}}"""
                : json;
            Assert.True(Thrown.Occurrences(output, expected) >= 4, $"{sink} lacks {expected}: {output}");
        }
    }

    /// <summary>What one generated shape logs: six records (Bind and Contextualize, generic, as object and by name).</summary>
    public sealed record Shape(Holder Holder, Placement Placement, string Secret) : ISecretShape
    {
        public void Log(ILogger logger)
        {
            switch (Holder)
            {
                case Holder.FieldClass:
                    Place(logger, new FieldClass { Id = 7, Email = Secret });
                    break;
                case Holder.PropertyClass:
                    Place(logger, new PropertyClass { Id = 7, Email = Secret });
                    break;
                case Holder.FieldStruct:
                    Place(logger, new FieldStruct { Id = 7, Email = Secret });
                    break;
                case Holder.FieldRecord:
                    Place(logger, new FieldRecord(7, Secret));
                    break;
                case Holder.FieldRecordStruct:
                    Place(logger, new FieldRecordStruct(7, Secret));
                    break;
                default:
                    Place(logger, new Envelope(1) { Inner = new FieldClass { Id = 7, Email = Secret } });
                    break;
            }
        }

        private void Place<[DynamicallyAccessedMembers(EverySinkKind.Bound)] T>(ILogger logger, T value)
            where T : notnull => Placed(logger, value, Placement);

        /// <summary>Logs <paramref name="value"/> six ways, placed as <paramref name="placement"/> says (TransitiveHolderRedactionTests places its chains so too).</summary>
        internal static void Placed<[DynamicallyAccessedMembers(EverySinkKind.Bound)] T>(ILogger logger, T value, Placement placement)
            where T : notnull
        {
            switch (placement)
            {
                case Placement.Itself:
                    EverySinkKind.LogBoundSixWays(logger, value, "Value", value);
                    break;
                case Placement.InAnAnonymousObject:
                    EverySinkKind.LogBoundSixWays(logger, new { Value = value }, "Value", value);
                    break;
                case Placement.InAList:
                    EverySinkKind.LogBoundSixWays(logger, new { Value = new List<T> { value } }, "Value", new List<T> { value });
                    break;
                case Placement.InAnArray:
                    EverySinkKind.LogBoundSixWays(logger, new { Value = new[] { value } }, "Value", new[] { value });
                    break;
                default:
                    EverySinkKind.LogBoundSixWays(logger, new Dictionary<string, object?> { ["Value"] = new Dictionary<string, T> { ["a"] = value } }, "Value", value);
                    break;
            }
        }
    }

    /// <summary>The generated shapes: one to five, each with a secret of its own.</summary>
    public static class Shapes
    {
        public static Arbitrary<Shape[]> ShapeList() => GeneratedShapes.Of<Holder, Placement, Shape>((holder, placement, secret) => new Shape(holder, placement, secret), "X");
    }

    /// <summary>A class whose classified member is a public field, and whose own text prints it (as F2's did).</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public sealed class FieldClass
    {
        public int Id;

        [Sensitive]
        public string Email = string.Empty;

        public override string ToString() => $"{Id} {Email}";
    }

    /// <summary>The same with properties: walked before the fix too.</summary>
    public sealed class PropertyClass
    {
        public int Id { get; set; }

        [Sensitive]
        public string Email { get; set; } = string.Empty;

        public override string ToString() => $"{Id} {Email}";
    }

    /// <summary>A struct whose classified member is a public field.</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    [SuppressMessage("Performance", "CA1815", Justification = "Never compared.")]
    public struct FieldStruct
    {
        public int Id;

        [Sensitive]
        public string Email;

        public override readonly string ToString() => $"{Id} {Email}";
    }

    /// <summary>A record whose positional Email is a classified field (a field of that name takes the parameter's place); its own text prints it.</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public sealed record FieldRecord(int Id, string Email)
    {
        [Sensitive]
        public string Email = Email;
    }

    /// <summary>The same as a record struct.</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public record struct FieldRecordStruct(int Id, string Email)
    {
        [Sensitive]
        public string Email = Email;
    }

    /// <summary>A record whose public field holds a class with a classified field.</summary>
    [SuppressMessage("Design", "CA1051", Justification = "Public fields are the shape under test.")]
    public sealed record Envelope(int Number)
    {
        public FieldClass? Inner;
    }
}
