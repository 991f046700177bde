using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Interpolated messages".</summary>
internal static class ApiInterpolated
{
    public static void Run(ILogger logger, IOrder order, Exception exception, TimeSpan elapsed)
    {
        logger.Info($"User {order.CustomerId} bought order {order.Id}");
        logger.Error(exception, $"Order {order.Id} failed");
        logger.Warn(new EventId(1001, "Slow"), $"Took {elapsed.TotalMilliseconds:F1} ms");
    }
}
