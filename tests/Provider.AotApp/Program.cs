using LoguStyle;
using Microsoft.Extensions.Compliance.Classification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Run by AotPublishTests as a Native AOT binary: appsettings.json configures the sinks (console, a rotating gz text
// file, a rotating gz JSON file); the app binds an anonymous object, opens a template scope and a contextualized
// object, logs enough to rotate, logs an exception with an inner one, logs a plain MEL call from a named method for the
// CallerInfo: StackTrace sink, prints "ready" and then runs until SIGTERM, which stops the host and so flushes every
// sink. Four exceptions also go to the logs/errors sinks (a text file and a file per JsonFormat): the one above, one
// thrown through a chain of async methods with an async inner exception, an AggregateException of two failed tasks,
// and one thrown through generic code (Generics), so each format's stack text is seen as a Native AOT binary writes it.
// A record with a classified member, bound inside an anonymous object, shows what the nested walk sees under Native AOT,
// as do records with classified members in a list, an array and a dictionary; a class whose classified member is a
// public field is bound itself (Bind<T> keeps T's fields) and in a list.
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

    try
    {
        await Shipping.ShipAsync(7);
    }
    catch (InvalidOperationException ex)
    {
        order.LogError(ex, "Shipping failed for order {Order}", 7);

        // .NET's own text of the same exception, so the test sees that there was something to clean: without
        // LoguStyle's cleaning the logs would hold these offsets and state machines.
        Directory.CreateDirectory("logs/raw");
        File.WriteAllText("logs/raw/shipping.txt", ex.ToString());
    }

    try
    {
        // WaitAll gathers the exceptions in the order of the tasks; the two-task WhenAll's came in the order the tasks
        // ended, which the pool decides (south before north under load, in a CI run).
        Task.WaitAll(Shipping.LabelAsync("north"), Shipping.LabelAsync("south"));
    }
    catch (AggregateException ex)
    {
        order.LogError(ex, "Labels failed for order {Order}", 7);
    }

    try
    {
        await Generics.RunAsync(7);
    }
    catch (InvalidOperationException ex)
    {
        order.LogError(ex, "Generics failed for order {Order}", 7);
        File.WriteAllText("logs/raw/generics.txt", ex.ToString());
    }
}

logger.Bind(new { Customer = new Customer(7, "aot-secret") }).LogInformation("Customer bound");
logger.Bind(new
{
    Patients = new List<Patient> { new(1, "aot-list-secret") },
    Beds = new[] { new Patient(2, "aot-array-secret") },
    Wards = new Dictionary<string, Patient> { ["north"] = new(3, "aot-dictionary-secret") },
    Badges = new List<Badge> { new() { Id = 4, Pin = "aot-badge-list-secret" } },
}).LogInformation("Patients bound");
logger.Bind(new Badge { Id = 5, Pin = "aot-field-secret" }).LogInformation("Badge bound");
var held = new Patient(6, "aot-holder-secret");
logger.Bind(new
{
    Pair = (held, 1),
    Entry = new KeyValuePair<string, Patient>("k", held),
    Keys = new Dictionary<Patient, int> { [held] = 1 },
    Wrapped = new Wrapped<Patient>(held),
}).LogInformation("Holders bound");
Shipping.Ship(logger, 7);

Console.Out.WriteLine("aot-app ready");
Console.Out.Flush();
await host.WaitForShutdownAsync();

/// <summary>A record nested in a bound object, with a classified member that must never be written raw.</summary>
internal sealed record Customer(int Id, [Sensitive] string Email);

/// <summary>A record held in collections of a bound object, with a classified member that must never be written raw.</summary>
internal sealed record Patient(int Id, [Sensitive] string Name);

/// <summary>A generic record nested in a bound object: under Native AOT its marker names it as C# does, without the arity.</summary>
internal sealed record Wrapped<T>(T Value);

/// <summary>A class whose classified member is a public field, and whose own text prints it.</summary>
internal sealed class Badge
{
    public int Id;

    [Sensitive]
    public string Pin = string.Empty;

    public override string ToString() => $"{Id} {Pin}";
}

/// <summary>An application's own data classification, as Microsoft.Extensions.Compliance has applications declare them.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
internal sealed class SensitiveAttribute() : DataClassificationAttribute(new DataClassification("AotApp", "Sensitive"));

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

/// <summary>
/// Throws through a chain of async methods that really suspend (Task.Yield), so the Native AOT stack has the state
/// machines, the native offsets and the await machinery that the exception text cleans away; and makes a plain MEL
/// call from a method of its own for the sink with <c>CallerInfo: StackTrace</c>.
/// </summary>
internal static class Shipping
{
    /// <summary>A plain MEL call from a method of its own (not inlined), for the sink with <c>CallerInfo: StackTrace</c>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    public static void Ship(ILogger logger, int order) => logger.LogInformation("Shipped order {Order}", order);

    public static async Task ShipAsync(int order)
    {
        try
        {
            await ReserveAsync(order);
        }
        catch (TimeoutException ex)
        {
            throw new InvalidOperationException($"Shipping refused order {order}", ex);
        }
    }

    public static async Task LabelAsync(string warehouse)
    {
        await Task.Yield();
        throw new IOException($"No label printer in {warehouse}");
    }

    private static async Task ReserveAsync(int order)
    {
        await Task.Yield();
        await CheckStockAsync(order);
    }

    private static async Task CheckStockAsync(int order)
    {
        await Task.Yield();
        throw new TimeoutException($"The warehouse did not answer for order {order}");
    }
}

/// <summary>
/// Throws through generic code, whose Native AOT frames name generic state machines (<c>&lt;HopAsync&gt;d__1`1</c>):
/// a generic async local function, a generic async method of a plain class, an async method of a generic class, an async
/// lambda inside it, an async method of a generic type nested in a generic type, and a generic iterator read there.
/// </summary>
internal static class Generics
{
    public static async Task RunAsync(int order)
    {
        await Hop(order);

        static async Task Hop<T>(T order)
        {
            await Task.Yield();
            await HopAsync(order, "north");
        }
    }

    private static async Task HopAsync<TOrder, TWarehouse>(TOrder order, TWarehouse warehouse)
    {
        await Task.Yield();
        await Store<TOrder>.SaveAsync(order, warehouse?.ToString() ?? string.Empty);
    }
}

/// <summary>A generic class whose async method runs an async lambda of its own.</summary>
internal static class Store<T>
{
    public static async Task SaveAsync(T item, string warehouse)
    {
        Func<Task> save = async () =>
        {
            await Task.Yield();
            await Shelf<T>.Slot<string>.FillAsync(item, warehouse);
        };
        await save();
    }
}

/// <summary>A generic type nested in a generic type, with an async method and a generic iterator.</summary>
internal static class Shelf<T>
{
    public static class Slot<TKey>
    {
        public static async Task FillAsync(T item, TKey key)
        {
            await Task.Yield();
            foreach (var slot in Slots(item, key))
            {
                _ = slot;
            }
        }

        private static IEnumerable<TValue> Slots<TValue>(TValue item, TKey key)
        {
            yield return item;
            throw new InvalidOperationException($"No slot for {item} in {key}");
        }
    }
}
