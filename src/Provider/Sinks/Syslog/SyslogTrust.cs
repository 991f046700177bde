using System.Security.Cryptography.X509Certificates;

namespace LoguStyle.Sinks.Syslog;

/// <summary>The certificates of a TLS sink, loaded once when the sink is built (a bad file fails at start-up).</summary>
internal sealed class SyslogTrust
{
    private readonly X509Certificate2Collection? _authorities;

    public SyslogTrust(SyslogSinkOptions options)
    {
        if (options.CertificatePath is { } authorities)
        {
            _authorities = [];
            _authorities.ImportFromPemFile(authorities);
            if (_authorities.Count == 0)
            {
                throw new ArgumentException($"CertificatePath '{authorities}' holds no PEM certificate.", nameof(options));
            }
        }

        if (options.ClientCertificatePath is { } client)
        {
            ClientCertificate = client.EndsWith(".pfx", StringComparison.OrdinalIgnoreCase) || client.EndsWith(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(client, password: null)
                : X509Certificate2.CreateFromPemFile(client);
        }
    }

    public X509Certificate2? ClientCertificate { get; }

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
}
