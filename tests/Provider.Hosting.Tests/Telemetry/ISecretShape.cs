using Microsoft.Extensions.Logging;

namespace LoguStyle.Hosting.Tests.Telemetry;

/// <summary>A generated value of a redaction property: it logs records that hold its <see cref="Secret"/> in a classified member.</summary>
internal interface ISecretShape
{
    /// <summary>The classified value: no sink may write it.</summary>
    string Secret { get; }

    /// <summary>Logs the shape's records to <paramref name="logger"/>.</summary>
    void Log(ILogger logger);
}
