using LoguStyle.Formatting;
using LoguStyle.Tests.Support;

namespace LoguStyle.Tests.Formatting;

public class ExceptionTextTests
{
    [Fact]
    public void Render_Chain_ShowsTypeMessageDataFramesAndInners()
    {
        var exception = Caught(() => Outer());
        exception.Data["OrderId"] = 42;

        var text = ExceptionText.Render(exception, colored: false);

        Assert.StartsWith("System.InvalidOperationException: outer failed", text, StringComparison.Ordinal);
        Assert.Contains("   Data: OrderId = 42", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Outer), text, StringComparison.Ordinal);
        Assert.Contains(" ---> System.ArgumentException: inner failed", text, StringComparison.Ordinal);
        Assert.Contains(nameof(Inner), text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AsyncStack_DropsTheEndOfStackTraceNoise()
    {
        var exception = new StackedException(
            "   at App.Orders.SaveAsync() in Orders.cs:line 10\n--- End of stack trace from previous location ---\n" +
            "   at System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw()\n" +
            "   at System.Runtime.CompilerServices.TaskAwaiter.HandleNonSuccessAndDebuggerNotification(Task task)\n" +
            "   at App.Orders.PlaceAsync() in Orders.cs:line 20");

        var text = ExceptionText.Render(exception, colored: false);

        Assert.Equal(
            $"{typeof(StackedException).FullName}: stacked{Environment.NewLine}   at App.Orders.SaveAsync() in Orders.cs:line 10{Environment.NewLine}   at App.Orders.PlaceAsync() in Orders.cs:line 20",
            text);
    }

    [Fact]
    public void Render_NativeAotStack_ReadsWithoutOffsetsOrStateMachineNames()
    {
        // The stack of a Native AOT binary (tests/Provider.AotApp, published): no file or line, a native offset after
        // each frame, and async methods as their compiler-generated state machines.
        var exception = new StackedException(
            "   at Checkout.Pay(Int32) + 0x101\n" +
            "   at App.Orders.<SaveAsync>d__4.MoveNext() + 0x5c\n" +
            "   at App.Orders.<>c.<<Run>b__2_0>d.MoveNext() + 0x1f\n" +
            "   at Program.<<Main>$>d__0.MoveNext() + 0x373");

        var text = ExceptionText.Render(exception, colored: false);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                $"{typeof(StackedException).FullName}: stacked",
                "   at Checkout.Pay(Int32)",
                "   at App.Orders.SaveAsync(...)",
                "   at App.Orders.<>c.<Run>b__2_0(...)",
                "   at Program.<Main>$(...)"),
            text);
    }

    /// <summary>
    /// Outside test of issue 18: the state machine of a generic async method or iterator carries its arity
    /// (<c>&lt;HopAsync&gt;d__1`2</c>) and was kept as it was. The first five frames as the published tests/Provider.AotApp
    /// prints them; the last the shape of its generic async local function (AotPublishTests reads that one cleaned).
    /// </summary>
    [Theory]
    [InlineData("   at Generics.<HopAsync>d__1`2.MoveNext() + 0x134", "   at Generics.HopAsync(...)")]
    [InlineData("   at Shelf`1.Slot`1.<Slots>d__1`1.MoveNext() + 0x164", "   at Shelf`1.Slot`1.Slots(...)")]
    [InlineData("   at Shelf`1.Slot`1.<FillAsync>d__0.MoveNext() + 0x6c", "   at Shelf`1.Slot`1.FillAsync(...)")]
    [InlineData("   at Store`1.<>c__DisplayClass0_0.<<SaveAsync>b__0>d.MoveNext() + 0xcd", "   at Store`1.<>c__DisplayClass0_0.<SaveAsync>b__0(...)")]
    [InlineData("   at Store`1.<SaveAsync>d__0.MoveNext() + 0x53", "   at Store`1.SaveAsync(...)")]
    [InlineData("   at Generics.<<RunAsync>g__Hop|0_0>d`1.MoveNext() + 0x4b", "   at Generics.<RunAsync>g__Hop|0_0(...)")]
    public void Render_NativeAotFrameOfGenericCode_ReadsAsItsMethodName(string frame, string expected)
    {
        var text = ExceptionText.Render(new StackedException(frame), colored: false);

        Assert.EndsWith(Environment.NewLine + expected, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("   at App.Orders.Save(Int32 id) in /src/Orders.cs:line 10")]
    [InlineData("   at App.Orders.<Save>g__Local|2_0(Int32 id) in /src/Orders.cs:line 12")]
    [InlineData("   at App.Orders.Save(String text + 0x)")]
    public void Render_JitFrames_AreKeptAsTheRuntimeWroteThem(string frame)
    {
        var text = ExceptionText.Render(new StackedException(frame), colored: false);

        Assert.EndsWith(Environment.NewLine + frame, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Aggregate_ListsEveryChild()
    {
        var aggregate = new AggregateException("many", new TimeoutException("slow"), new IOException("disk"));

        var text = ExceptionText.Render(aggregate, colored: false);

        Assert.Contains(" ---> (Inner Exception #0) System.TimeoutException: slow", text, StringComparison.Ordinal);
        Assert.Contains(" ---> (Inner Exception #1) System.IO.IOException: disk", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Colored_HighlightsTypeAndDimsFrameworkFrames()
    {
        var exception = Caught(() => _ = int.Parse("not a number", System.Globalization.CultureInfo.InvariantCulture));

        var text = ExceptionText.Render(exception, colored: true);

        Assert.StartsWith("\u001b[31;1mSystem.FormatException\u001b[0m: \u001b[1m", text, StringComparison.Ordinal);
        Assert.Contains("\u001b[2m   at System.", text, StringComparison.Ordinal);
        Assert.Contains($"   at {typeof(ExceptionTextTests).FullName}", text.Replace("\u001b[2m", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ControlCharactersInMessage_AreEscaped()
    {
        var text = ExceptionText.Render(new InvalidOperationException("evil \u001b[2J"), colored: true);

        Assert.Contains("evil \\x1B[2J", text, StringComparison.Ordinal);
    }

    private static void Outer()
    {
        try
        {
            Inner();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidOperationException("outer failed", ex);
        }
    }

    private static void Inner() => throw new ArgumentException("inner failed");

    private static Exception Caught(Action action)
    {
        try
        {
            action();
        }
        catch (Exception ex)
        {
            return ex;
        }

        throw new InvalidOperationException("did not throw");
    }
}
