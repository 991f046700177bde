namespace LoguStyle.SideBySide.Providers;

/// <summary>Every setup the runner compares, in the order the results show them.</summary>
internal static class ProviderList
{
    public static IReadOnlyList<IBenchProvider> All { get; } =
    [
        new LoguStyleProvider(enqueue: false),
        new LoguStyleProvider(enqueue: true),
        new ZLoggerProvider(),
        new SerilogProvider(async: false),
        new SerilogProvider(async: true),
        new NLogProvider(async: false),
        new NLogProvider(async: true),
        new MelConsoleProvider(),
        new FloorFileProvider(),
        new MelCallOnlyProvider(),
    ];

    /// <summary>The setups of the paced scenario: LoguStyle both ways and each peer's asynchronous setup.</summary>
    public static IReadOnlyList<IBenchProvider> Latency { get; } =
    [
        new LoguStyleProvider(enqueue: false),
        new LoguStyleProvider(enqueue: true),
        new ZLoggerProvider(),
        new NLogProvider(async: true),
        new SerilogProvider(async: true),
    ];

    public static IBenchProvider Find(string name) =>
        All.FirstOrDefault(p => p.Name == name) ?? throw new ArgumentException($"unknown provider '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}");
}
