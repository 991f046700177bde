using LoguStyle;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Run by AotPublishTests as a Native AOT binary: appsettings.json configures the sinks (console, a rotating gz text
// file, a rotating gz JSON file); the app binds an anonymous object, opens a template scope and a contextualized
// object, logs enough to rotate, logs an exception with an inner one, logs a plain MEL call from a named method for the
// CallerInfo: StackTrace sink, prints "ready" and then runs until SIGTERM,
// which stops the host and so flushes every sink.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders().AddLoguStyle();
using var host = builder.Build();
await host.StartAsync();

var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("AotApp.Orders");
var order = logger.Bind(new { OrderId = 7 });
using (logger.BeginScope("Request {RequestId}", "r-42"))
using (logger.Contextualize(new { Tenant = "north" }))
{
    // About 100 bytes a line in the text file and 400 in JSON: 60 lines rotate both 4 KB files several times.
    for (var line = 0; line < 60; line++)
    {
        order.LogInformation("Order line {Line} packed", line);
    }

    try
    {
        Checkout.Pay(7);
    }
    catch (InvalidOperationException ex)
    {
        order.LogError(ex, "Payment failed for order {Order}", 7);
    }
}

Shipping.Ship(logger, 7);

Console.Out.WriteLine("aot-app ready");
Console.Out.Flush();
await host.WaitForShutdownAsync();

/// <summary>Throws from a couple of frames deep, with an inner exception, so the stack has frames worth reading.</summary>
internal static class Checkout
{
    public static void Pay(int order)
    {
        try
        {
            Charge(order);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"Payment provider refused order {order}", ex);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void Charge(int order) => throw new TimeoutException($"The card service did not answer for order {order}");
}

/// <summary>A plain MEL call from a method of its own (not inlined), for the sink with <c>CallerInfo: StackTrace</c>.</summary>
internal static class Shipping
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Ship(ILogger logger, int order) => logger.LogInformation("Shipped order {Order}", order);
}
