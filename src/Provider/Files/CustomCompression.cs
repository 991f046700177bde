namespace LoguStyle.Files;

/// <summary>Compression done by user code.</summary>
internal sealed class CustomCompression(string extension, Action<string, string> compress) : Compression
{
    internal override string Extension => extension;

    internal override void Compress(string source, string destination) => compress(source, destination);
}
