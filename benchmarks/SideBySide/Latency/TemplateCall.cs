using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide.Latency;

/// <summary>The benchmark record as a Template call: what the paced scenario times for every provider.</summary>
internal readonly struct TemplateCall(ILogger logger) : IPacedCall
{
    public void Call(int k) => Orders.LogTemplate(logger, k);
}
