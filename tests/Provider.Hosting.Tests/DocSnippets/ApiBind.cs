using LoguStyle;
using Microsoft.Extensions.Logging;

namespace DocSnippets;

/// <summary>docs/api.md, "Bind".</summary>
internal static class ApiBind
{
    public static void Run(ILogger logger, IOrder order)
    {
        var log = logger.Bind(new { OrderId = order.Id, Customer = order.CustomerId });
        log.LogInformation("Order placed");      // {extra[OrderId]} and {extra[Customer]} are set on this record
    }
}
