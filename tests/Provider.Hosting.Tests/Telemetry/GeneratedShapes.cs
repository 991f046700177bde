using FsCheck;
using FsCheck.Fluent;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>One to five generated shapes of a holder and a placement, each with a secret of its own (the redaction properties' input).</summary>
internal static class GeneratedShapes
{
    public static Arbitrary<TShape[]> Of<THolder, TPlacement, TShape>(Func<THolder, TPlacement, string, TShape> shape, string suffix)
        where THolder : struct, Enum
        where TPlacement : struct, Enum =>
        Gen.Choose(1, 5).SelectMany(count =>
            Gen.Elements(Enum.GetValues<THolder>())
                .SelectMany(holder => Gen.Elements(Enum.GetValues<TPlacement>()).Select(placement => (holder, placement)))
                .SelectMany(p => Gen.Choose(0, 999_999).Select(n => shape(p.holder, p.placement, $"SECRET{n:D6}{suffix}")))
                .ArrayOf(count))
            .ToArbitrary();
}
