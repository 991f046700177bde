namespace LoguStyle.Pipeline;

/// <summary>Renders a deferred message with MEL's own formatter, on the queue's writer, for one state type.</summary>
internal static class DeferredMessage<TState>
{
    public static readonly Func<object, Delegate, Exception?, string> Render =
        static (state, formatter, exception) => ((Func<TState, Exception?, string>)formatter)(state is StateList<TState> view ? view.State : (TState)state, exception);
}
