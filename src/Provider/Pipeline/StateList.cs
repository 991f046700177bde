using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace LoguStyle.Pipeline;

/// <summary>
/// A record's view of a struct state (MEL's <c>FormattedLogValues</c>, the state of <c>LogInformation(template, args)</c>)
/// as its list of values, kept by the record (<see cref="LogRecord.StateView"/>) and reused by each call that takes the record.
/// </summary>
/// <remarks>
/// <para>Why: a struct state read as a list is boxed, 48 bytes a template call beside MEL's own 128
/// (<c>CaptureAllocationTests</c>), each of them garbage a collection has to stop every thread for. The view holds the
/// state in a field and reads it with constrained calls (<see cref="StructStateList{TState}"/>), so the call allocates
/// nothing for it once its record has a view.</para>
/// <para>For the records a call takes and gives back (the thread's reused record, a pooled one), not one a sink keeps: the
/// view is the record's, so a call logged from inside another on the same thread (an argument's <c>ToString</c>) reads
/// through the view of its own record. The view holds the state only while the call reads it: a reused record forgets it
/// when the call ends (<see cref="LogRecord.Clear"/>), a pooled one, which outlives the call, before the call hands it on
/// (<see cref="RecordCapture"/>). Made by reflection once per record and state type: where code cannot be made at run
/// time (Native AOT), <see cref="For"/> gives null and the state is boxed as before.</para>
/// </remarks>
internal abstract class StateList<TState> : ReusedStateList
{
    // The view type for TState, or null when TState is not a struct list or code cannot be made at run time.
    private static readonly Type? ViewType = ViewTypeFor();

    /// <summary>The call's state, read by the derived view without boxing it.</summary>
    public TState State = default!;

    /// <summary><paramref name="record"/>'s view, holding <paramref name="state"/>; null when TState has none (the caller boxes the state instead).</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2077", Justification = "ViewType is StructStateList<TState>, whose constructor is kept: the type is named in ViewTypeFor.")]
    public static StateList<TState>? For(LogRecord record, TState state)
    {
        if (record.StateView is not StateList<TState> view)
        {
            if (ViewType is null)
            {
                return null;
            }

            view = (StateList<TState>)Activator.CreateInstance(ViewType)!;
            record.StateView = view;
        }

        view.State = state;
        return view;
    }

    public override void Forget() => State = default!;

    [UnconditionalSuppressMessage("AotAnalysis", "IL3050", Justification = "Only where dynamic code is supported; elsewhere the state is boxed.")]
    [UnconditionalSuppressMessage("Trimming", "IL2055", Justification = "StructStateList<> is rooted here; TState is the caller's state type, whose members the view calls through its interface.")]
    [UnconditionalSuppressMessage("Trimming", "IL2091", Justification = "The view is made only where code is made at run time, which keeps what TState needs.")]
    private static Type? ViewTypeFor()
    {
        if (!RuntimeFeature.IsDynamicCodeSupported || !typeof(TState).IsValueType ||
            !typeof(IReadOnlyList<KeyValuePair<string, object?>>).IsAssignableFrom(typeof(TState)))
        {
            return null;
        }

        try
        {
            return typeof(StructStateList<>).MakeGenericType(typeof(TState));
        }
#pragma warning disable CA1031 // A state type the view cannot be made for is boxed, as before.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
