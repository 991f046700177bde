using Microsoft.Extensions.Logging;
using ZLogger;

namespace LoguStyle.SideBySide.Providers;

/// <summary>
/// The benchmark record through ZLogger's own source generator, which its README recommends for the highest performance:
/// the LoggerMessage scenario's call for ZLogger (the other setups use MEL's <c>[LoggerMessage]</c>, <see cref="Orders.Bought"/>).
/// It writes the same text; the placeholders are named after the parameters, as the generator asks.
/// </summary>
internal static partial class ZLoggerOrders
{
    [ZLoggerMessage(LogLevel.Information, "User {userId} bought {count} items for {price}")]
    public static partial void Bought(ILogger logger, int userId, int count, decimal price);
}
