using System.Text.RegularExpressions;

namespace LoguStyle.Formatting;

/// <summary>
/// Makes a frame of a Native AOT stack read like a JIT one. Such a binary has no file or line numbers, appends the
/// frame's offset into native code (<c> + 0x101</c>), which means nothing to a reader without the binary's symbols,
/// and names an async method by its compiler-generated state machine (<c>Orders.&lt;SaveAsync&gt;d__4.MoveNext()</c>),
/// where the JIT's stack trace resolves it to <c>Orders.SaveAsync(...)</c>. The parameters of such a method are not in
/// the frame, hence <c>(...)</c>; the same for an iterator, and for the state machine of a generic method
/// (<c>&lt;HopAsync&gt;d__1`2</c>). Frames of a JIT stack do not match and are kept as they are.
/// </summary>
internal static partial class StackFrameText
{
    public static string Clean(string frame)
    {
        var cleaned = NativeOffset().Replace(frame, string.Empty);
        return cleaned.Contains(">d", StringComparison.Ordinal) ? StateMachine().Replace(cleaned, ".${name}(...)") : cleaned;
    }

    [GeneratedRegex(@" \+ 0x[0-9a-fA-F]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NativeOffset();

    // "<SaveAsync>d__4" for a method, "<<Run>b__2_0>d" for an async lambda, "<<Main>$>d__0" for top-level statements;
    // the state machine of a generic method or local function (async or iterator) is itself generic and carries its
    // arity: "<HopAsync>d__1`2". A name never starts with '>', so "<>c." (the class of a type's lambdas) is not taken
    // for one. A generic type around it keeps its arity ("Store`1."), as the JIT's stack trace writes it.
    [GeneratedRegex(@"\.<(?<name>[^\s>]\S*?)>d(__\d+)?(`\d+)?\.MoveNext\(\)", RegexOptions.CultureInvariant)]
    private static partial Regex StateMachine();
}
