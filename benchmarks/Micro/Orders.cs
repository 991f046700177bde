using Microsoft.Extensions.Logging;

namespace LoguStyle.Micro;

/// <summary>The benchmark record, through the template API and [LoggerMessage].</summary>
internal static partial class Orders
{
    public const string Message = "User {UserId} bought {Count} items for {Price}";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = Message)]
    public static partial void Bought(ILogger logger, int userId, int count, decimal price);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = Message)]
    public static partial void BoughtDebug(ILogger logger, int userId, int count, decimal price);
}
