using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LoguStyle.Pipeline;

namespace LoguStyle.Tests.Pipeline;

/// <summary>
/// The Disable/Enable rules alone (Loguru's activation list): a prefix matches whole dot-separated segments, and the
/// last Disable or Enable whose prefix matches a category decides for it (tables, then a property against that model).
/// </summary>
public class CategoryActivationTests
{
    internal static readonly string[] Categories = ["A", "A.B", "A.B.C", "A.BX", "AB", "B", "B.A"];
    internal static readonly string[] Prefixes = ["", "A", "A.B", "A.B.C", "A.BX", "A.", "B", "AB"];

    [Theory]
    [InlineData("Noisy.Library", "Noisy.Library", false)]
    [InlineData("Noisy.Library", "Noisy.Library.Cache", false)]
    [InlineData("Noisy.Library", "Noisy.LibraryX", true)]
    [InlineData("Noisy.Library", "Noisy", true)]
    [InlineData("", "Anything.At.All", false)]
    [InlineData("Noisy.", "Noisy.Library", false)]
    public void Disable_Prefix_MatchesWholeSegments(string prefix, string category, bool enabled)
    {
        Assert.Equal(enabled, CategoryActivation.All.With(prefix, enabled: false).IsEnabled(category));
    }

    [Fact]
    public void Enable_UnderADisabledPrefix_MakesAnException_AndEnablingTheWiderPrefixClearsIt()
    {
        var activation = CategoryActivation.All.With("Noisy", false).With("Noisy.Useful", true);

        Assert.False(activation.IsEnabled("Noisy.Other"));
        Assert.True(activation.IsEnabled("Noisy.Useful.Part"));

        // Loguru: enabling (or disabling) a prefix decides for everything under it; the narrower rule is gone.
        var cleared = activation.With("Noisy", true);
        Assert.Empty(cleared.Rules);
        Assert.True(cleared.With("Noisy", false).IsEnabled("Noisy.Useful") is false);
    }

    [Fact]
    public void Enable_APrefixNeverDisabled_KeepsNoRule()
    {
        Assert.Empty(CategoryActivation.All.With("App", true).Rules);
    }

    [Property(MaxTest = 500)]
    public Property AnyCalls_TheLastMatchingCallDecides() =>
        Prop.ForAll(Gen.ListOf(Gen.Zip(Gen.Elements(true, false), Gen.Elements(Prefixes))).ToArbitrary(), calls =>
        {
            var activation = CategoryActivation.All;
            foreach (var (enabled, prefix) in calls)
            {
                activation = activation.With(prefix, enabled);
            }

            foreach (var category in Categories)
            {
                if (activation.IsEnabled(category) != Model(calls, category))
                {
                    return false.Label($"{category}: {activation.IsEnabled(category)} after {string.Join(", ", calls)}");
                }
            }

            // No rule is kept that the wider rules already imply (the list stays as short as Loguru's).
            return (activation.Rules.Count <= Prefixes.Length).Label("rules");
        });

    /// <summary>The rule stated plainly: the last call whose prefix matches the category decides; none means enabled.</summary>
    internal static bool Model(IEnumerable<(bool Enabled, string Prefix)> calls, string category) =>
        calls.LastOrDefault(call => Matches(call.Prefix, category)) is var (enabled, prefix) && prefix is not null ? enabled : true;

    /// <summary>MEL's category prefix rule, written out again for the model: whole segments.</summary>
    private static bool Matches(string prefix, string category) =>
        prefix.Length == 0 || category == prefix || category.StartsWith(prefix + ".", StringComparison.Ordinal) ||
        (prefix.EndsWith('.') && category.StartsWith(prefix, StringComparison.Ordinal));
}
