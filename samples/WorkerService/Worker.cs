using Microsoft.Extensions.Options;

namespace WorkerService;

/// <summary>Logs orders for a few seconds through <c>[LoggerMessage]</c> methods, with a scope and an exception, then stops the host.</summary>
public sealed partial class Worker : BackgroundService
{
    private readonly ILogger<Worker> _logger;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly SampleOptions _options;

    public Worker(ILogger<Worker> logger, IHostApplicationLifetime lifetime, IOptions<SampleOptions> options)
    {
        _logger = logger;
        _lifetime = lifetime;
        _options = options.Value;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarting(_options.Seconds);
        var until = DateTimeOffset.UtcNow.AddSeconds(_options.Seconds);
        var order = 0;
        try
        {
            while (DateTimeOffset.UtcNow < until && !stoppingToken.IsCancellationRequested)
            {
                order++;
                using (_logger.BeginScope(new Dictionary<string, object> { ["OrderId"] = order }))
                {
                    LogOrderPlaced(order, order % 5 + 1, 9.99m * order);
                    LogStockChecked(order);
                    if (order % 2 == 0)
                    {
                        LogSlowPayment(order, TimeSpan.FromMilliseconds(120 * order));
                    }

                    if (order % 3 == 0)
                    {
                        try
                        {
                            throw new InvalidOperationException($"Payment provider refused order {order}");
                        }
                        catch (InvalidOperationException ex)
                        {
                            LogPaymentFailed(ex, order);
                        }
                    }
                }

                if (_options.PauseMilliseconds > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(_options.PauseMilliseconds), stoppingToken);
                }
                else
                {
                    // Full speed, but still asynchronous: the host's start must not wait for this loop.
                    await Task.Yield();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The host is stopping (Ctrl+C); fall through to the last record.
        }

        LogFinished(order);
        _lifetime.StopApplication();
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Worker starting; logging for {Seconds} seconds")]
    private partial void LogStarting(double seconds);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Order {OrderNumber} placed: {Count} items for {Total}")]
    private partial void LogOrderPlaced(int orderNumber, int count, decimal total);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Stock checked for order {OrderNumber}")]
    private partial void LogStockChecked(int orderNumber);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Payment for order {OrderNumber} took {Duration}")]
    private partial void LogSlowPayment(int orderNumber, TimeSpan duration);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Payment failed for order {OrderNumber}")]
    private partial void LogPaymentFailed(Exception exception, int orderNumber);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Worker finished after {Orders} orders; stopping the host")]
    private partial void LogFinished(int orders);
}
