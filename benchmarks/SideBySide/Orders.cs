using Microsoft.Extensions.Logging;

namespace LoguStyle.SideBySide;

/// <summary>The record every provider writes, through MEL's template API and through [LoggerMessage].</summary>
internal static partial class Orders
{
    public const string Message = "User {UserId} bought {Count} items for {Price}";

    public static void LogTemplate(ILogger logger, int userId) => logger.LogInformation(Message, userId, 3, 29.97m);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = Message)]
    public static partial void Bought(ILogger logger, int userId, int count, decimal price);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = Message)]
    public static partial void BoughtDebug(ILogger logger, int userId, int count, decimal price);
}
