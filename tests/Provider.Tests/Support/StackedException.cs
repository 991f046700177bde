namespace LoguStyle.Tests.Support;

/// <summary>
/// An exception whose stack is given text: a Native AOT stack (native offsets, state-machine names) can be checked
/// under the JIT, where no real exception has one.
/// </summary>
internal sealed class StackedException(string stack, Exception? inner = null) : Exception("stacked", inner)
{
    public override string StackTrace => stack;
}
