using LoguStyle.Parsing;

namespace LoguStyle.Files;

/// <summary>Rotates before a record that would take the file past a size.</summary>
internal sealed class SizeRotation(long bytes) : Rotation
{
    internal override long? MaxBytes => bytes;

    public override string ToString() => SizeGrammar.Format(bytes);
}
