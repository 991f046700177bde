using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace LoguStyle.Pipeline;

/// <summary>
/// Finds the caller of a plain MEL call (<c>CallerInfo: StackTrace</c>): the first frame of the calling thread's stack
/// outside MEL, LoguStyle and the runtime's own library. The method comes from <see cref="DiagnosticMethodInfo"/>,
/// which reads no reflection metadata and so also names the method in a Native AOT app; file and line come from the
/// caller's PDB, read by the runtime, and are absent without one (and always under Native AOT).
/// </summary>
internal static class StackCaller
{
    // Stack walks made on this thread: lets a test see that a call walked no stack, whatever other threads do.
    [ThreadStatic]
    private static int t_walks;

    // Whether a method's IL starts with a nop, by method: asked only for frames at IL offset 0 (KnownLine).
    private static readonly ConcurrentDictionary<MethodBase, bool> StartsWithNop = new();

    /// <summary>The stack walks made on the calling thread so far.</summary>
    internal static int WalksOnThisThread => t_walks;

    /// <summary>Sets the caller of <paramref name="record"/> from the current stack; leaves it unset when no frame qualifies.</summary>
    // Not on the hot path: runs only for a sink that asked for it, and costs a stack walk (docs/benchmarks.md).
    public static void Fill(LogRecord record)
    {
        t_walks++;
        var catchCall = CatchFrames.For(record);
        if (catchCall is { RunFrames: < 0 })
        {
            // A CatchAsync whose task faulted after an await: its caller is not on this stack, only its name is known.
            record.SetCaller(catchCall.Caller, null, 0, fromStack: true);
            return;
        }

        try
        {
            // Skips this frame; the logger's and MEL's are skipped by their assemblies below. For Catch's record, the
            // frames up to Catch's own are the code that threw: passed, so the caller is the member that called Catch.
            var toPass = catchCall?.RunFrames ?? 0;
            foreach (var frame in new StackTrace(1, fNeedFileInfo: true).GetFrames())
            {
                var method = DiagnosticMethodInfo.Create(frame);
                if (toPass > 0)
                {
                    toPass -= method is not null && CatchFrames.IsRun(method) ? 1 : 0;
                    continue;
                }

                if (method is null || IsInfrastructure(method.DeclaringAssemblyName))
                {
                    continue;
                }

                record.SetCaller(catchCall?.Caller ?? FunctionName(method.Name, method.DeclaringTypeName), frame.GetFileName(), KnownLine(frame), fromStack: true);
                return;
            }

            if (catchCall is not null)
            {
                record.SetCaller(catchCall.Caller, null, 0, fromStack: true);
            }
        }
#pragma warning disable CA1031 // The contract: a logging call never throws; a stack that cannot be read gives a record without a caller.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// The frame's line, or 0 when unknown. On x64 the runtime gives a frame inside a finally block IL offset 0
    /// (dotnet/runtime#44986), whose line is the method's first: in a build without optimizations that is the opening
    /// brace, a nop no call is ever at, so a frame at IL offset 0 in front of a nop is at an unknown line. (An optimized
    /// build has no nop there: its finally frames show the first statement's line, which is indistinguishable from a
    /// call in that statement; docs/api.md names the limit.)
    /// </summary>
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Only for a frame with a line, so with a PDB, so not Native AOT; without the method the line stays as the frame gave it.")]
    private static int KnownLine(StackFrame frame)
    {
        var line = frame.GetFileLineNumber();
        if (line <= 0)
        {
            return 0;
        }

        return frame.GetILOffset() == 0 && frame.GetMethod() is { } method && StartsWithNop.GetOrAdd(method, FirstInstructionIsNop) ? 0 : line;
    }

    // Only asked for a frame with a line, so with a PDB, so not in a Native AOT app; a body the trimmer changed or
    // removed is not a nop's, and the line stays as the frame gave it.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "A method body the trimmer changed keeps its frame's line.")]
    private static bool FirstInstructionIsNop(MethodBase method)
    {
        try
        {
            return method.GetMethodBody()?.GetILAsByteArray() is [0x00, ..];
        }
#pragma warning disable CA1031 // Reflection over user code; a body that cannot be read keeps the frame's line.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>
    /// True for the assemblies between the application and the sinks: MEL's (<c>Microsoft.Extensions.Logging*</c>, its
    /// extension methods and <c>LoggerMessage</c> delegates), Microsoft.Extensions.Telemetry's (its ExtendedLogger wraps
    /// MEL's when enrichment, redaction or buffering is on), LoguStyle's own and the runtime's core library.
    /// </summary>
    internal static bool IsInfrastructure(string assemblyName)
    {
        var comma = assemblyName.IndexOf(',', StringComparison.Ordinal);
        var name = comma < 0 ? assemblyName.AsSpan() : assemblyName.AsSpan(0, comma);
        return name is "LoguStyle" or "LoguStyle.Hosting" or "System.Private.CoreLib" or "Microsoft.Extensions.Logging" or "Microsoft.Extensions.Telemetry" ||
            name.StartsWith("Microsoft.Extensions.Logging.", StringComparison.Ordinal) ||
            name.StartsWith("Microsoft.Extensions.Telemetry.", StringComparison.Ordinal);
    }

    /// <summary>
    /// The member's name as <c>[CallerMemberName]</c> gives it: a lambda (<c>&lt;Run&gt;b__0_0</c>), a local function
    /// (<c>&lt;Run&gt;g__Local|0_0</c>), an async or iterator method's state machine (<c>MoveNext</c> of
    /// <c>&lt;Run&gt;d__3</c>, and its finally blocks, <c>&lt;&gt;m__Finally1</c>) and any nesting of these (an async lambda's machine <c>&lt;&lt;Run&gt;b__0_0&gt;d</c>) are
    /// named by the member they are written in; top-level statements keep <c>&lt;Main&gt;$</c>; an accessor is named
    /// by its property or event (<c>get_Total</c> gives <c>Total</c>) and an explicit interface implementation by its
    /// member (<c>IEmit.Emit</c> gives <c>Emit</c>, also when async or an iterator: <c>&lt;Shop-IEmit-EmitAsync&gt;d__3</c>).
    /// </summary>
    internal static string FunctionName(string method, string typeName)
    {
        if (Generated(method) is { } inner)
        {
            return Member(inner);
        }

        // An iterator's finally block is a method of its state machine (<>m__Finally1), run from MoveNext or Dispose:
        // named, as MoveNext, by the machine's type.
        if (method == "MoveNext" || method.StartsWith("<>m__Finally", StringComparison.Ordinal))
        {
            var last = typeName.AsSpan(typeName.AsSpan().LastIndexOfAny('+', '.') + 1);
            if (Generated(last.ToString()) is { } machine)
            {
                // A type name holds no '.': the machine of an explicit interface implementation writes the member's
                // whole name with '-' (<Shop-IEmit-EmitAsync>d__3).
                return Member(machine.Replace('-', '.'));
            }
        }

        return Member(method);
    }

    // The member a compiler-generated name (<Outer>suffix) was written in, through any nesting; null for a name that
    // is not generated, and for <Main>$, which is itself the member's name.
    private static string? Generated(string name)
    {
        if (!name.StartsWith('<'))
        {
            return null;
        }

        var depth = 0;
        for (var i = 0; i < name.Length; i++)
        {
            depth += name[i] switch { '<' => 1, '>' => -1, _ => 0 };
            if (depth == 0)
            {
                if (i <= 1 || (i == name.Length - 2 && name[^1] == '$'))
                {
                    return null;
                }

                var inner = name[1..i];
                return Generated(inner) ?? inner;
            }
        }

        return null;
    }

    // The metadata name of a member as C# names it: accessors by their property or event, explicit interface
    // implementations (Namespace.IEmit.Emit) by the member; constructors (.ctor) stay as they are.
    private static string Member(string name)
    {
        var dot = name.LastIndexOf('.');
        if (dot > 0)
        {
            name = name[(dot + 1)..];
        }

        foreach (var prefix in (ReadOnlySpan<string>)["get_", "set_", "add_", "remove_"])
        {
            if (name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }
}
