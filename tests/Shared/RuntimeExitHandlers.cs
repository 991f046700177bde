using System.Collections;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LoguStyle.Testing;

/// <summary>
/// (Shared by the test projects.) Counts the handlers of LoguStyle's assembly that the runtime holds for ProcessExit, UnhandledException and the
/// termination signals, read from the runtime's own lists (private fields of .NET 10's <c>AppDomain</c>,
/// <c>AppContext</c> and <c>PosixSignalRegistration</c>): what a leak of registrations would grow.
/// </summary>
internal static class RuntimeExitHandlers
{
    private static readonly Assembly LoguStyleAssembly = typeof(LoguStyleLoggerProvider).Assembly;

    public static int ProcessExit => Ours(EventHandlers(typeof(AppDomain), AppDomain.CurrentDomain, "ProcessExit"));

    public static int UnhandledException => Ours(AppContextEvent("UnhandledException"));

    public static int Signals(PosixSignal signal)
    {
        var registrations = typeof(PosixSignalRegistration).GetField("s_registrations", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null)
            ?? throw new InvalidOperationException("PosixSignalRegistration.s_registrations is not in this runtime.");
        lock (registrations)
        {
            var raw = SignalNumber(signal);
            foreach (DictionaryEntry entry in (IDictionary)registrations)
            {
                if ((int)entry.Key != raw)
                {
                    continue;
                }

                return ((IEnumerable)entry.Value!).Cast<object>().Count(token =>
                    token.GetType().GetField("<Handler>k__BackingField", BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(token) is Delegate handler &&
                    handler.Method.DeclaringType?.Assembly == LoguStyleAssembly);
            }

            return 0;
        }
    }

    private static Delegate[] AppContextEvent(string name) => EventHandlers(typeof(AppContext), null, name);

    private static Delegate[] EventHandlers(Type type, object? owner, string name) =>
        (type.GetField(name, BindingFlags.NonPublic | (owner is null ? BindingFlags.Static : BindingFlags.Instance))
            ?? throw new InvalidOperationException($"{type.Name}.{name} is not in this runtime.")).GetValue(owner) is Delegate handlers
            ? handlers.GetInvocationList()
            : [];

    private static int Ours(Delegate[] handlers) => handlers.Count(handler => handler.Method.DeclaringType?.Assembly == LoguStyleAssembly);

    // The raw signal numbers of Linux, the key of the runtime's table.
    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGTERM => 15,
        PosixSignal.SIGINT => 2,
        PosixSignal.SIGHUP => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(signal)),
    };
}
