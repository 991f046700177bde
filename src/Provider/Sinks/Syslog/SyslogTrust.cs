using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LoguStyle.Sinks.Syslog;

/// <summary>The certificates of a TLS sink, loaded once when the sink is built (a bad file fails at start-up).</summary>
internal sealed class SyslogTrust
{
    private readonly X509Certificate2Collection? _authorities;

    public SyslogTrust(SyslogSinkOptions options)
    {
        // Each file is read once: the certificates and the fingerprint come from the same bytes, so a file replaced
        // while a reload reads it cannot give certificates of one version under the fingerprint of another.
        var fingerprint = new StringBuilder();
        if (options.CertificatePath is { } authorities)
        {
            var bytes = File.ReadAllBytes(authorities);
            Append(fingerprint, "ca", bytes);
            _authorities = Authorities(authorities, bytes);
        }

        if (options.ClientCertificatePath is { } client)
        {
            var bytes = File.ReadAllBytes(client);
            Append(fingerprint, "client", bytes);
            ClientCertificate = Client(client, bytes);
        }

        Fingerprint = fingerprint.Length == 0 ? null : fingerprint.ToString();
    }

    public X509Certificate2? ClientCertificate { get; }

    /// <summary>
    /// The SHA-256 of each certificate file's contents as read when the sink was built (null when none is configured):
    /// a certificate or CA bundle rotated at the same path gives another value, so a reload does not carry on over a
    /// TLS session made with the old files (see <see cref="SyslogReceiverKey"/>).
    /// </summary>
    public string? Fingerprint { get; }

    /// <summary>
    /// With authorities configured, the server's chain must end in one of them (and only them); without, the system's
    /// store decides. Revocation is not checked: a receiver on a private network has no reachable revocation list.
    /// </summary>
    public X509ChainPolicy? ChainPolicy()
    {
        if (_authorities is null)
        {
            return null;
        }

        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(_authorities);
        return policy;
    }

    /// <summary>The CA certificates of <c>CertificatePath</c>; an <see cref="InvalidDataException"/> when it holds none.</summary>
    internal static X509Certificate2Collection Authorities(string path, byte[] bytes)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(Text(bytes));
        return authorities.Count > 0 ? authorities : throw new InvalidDataException($"'{path}' holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)");
    }

    /// <summary>
    /// The client certificate of <c>ClientCertificatePath</c> with its private key: a PEM file holds both (read from the
    /// one file), a .pfx/.p12 file without a password; a <see cref="CryptographicException"/> when it cannot be read, an
    /// <see cref="InvalidDataException"/> when it has no private key (the handshake could not use it).
    /// </summary>
    internal static X509Certificate2 Client(string path, byte[] bytes)
    {
        var certificate = path.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
            ? X509CertificateLoader.LoadPkcs12(bytes, password: null)
            : X509Certificate2.CreateFromPem(Text(bytes), Text(bytes));
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidDataException($"'{path}' holds a certificate without its private key");
        }

        return certificate;
    }

    private static void Append(StringBuilder fingerprint, string file, byte[] bytes) =>
        fingerprint.Append(fingerprint.Length == 0 ? "" : " ").Append(file).Append(':').Append(Convert.ToHexString(SHA256.HashData(bytes)));

    // As File.ReadAllText decodes it (UTF-8, or the encoding a byte-order mark names), which ImportFromPemFile used.
    private static string Text(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
