using Microsoft.Extensions.Compliance.Redaction;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>Replaces a sensitive value with a marker the tests can find ("REDACTED"), whatever its length.</summary>
internal sealed class MaskRedactor : Redactor
{
    private const string Mask = "REDACTED";

    public override int GetRedactedLength(ReadOnlySpan<char> input) => Mask.Length;

    public override int Redact(ReadOnlySpan<char> source, Span<char> destination)
    {
        Mask.AsSpan().CopyTo(destination);
        return Mask.Length;
    }
}
