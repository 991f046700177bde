using System.Globalization;

namespace LoguStyle.Diagnostics;

/// <summary>
/// A time bound as a report names it: as the user set it, not rounded (a DisposeTimeout of 0.75 s was named "0.8 s",
/// 50 ms "0.1 s"): under a tenth of a second in milliseconds, else in seconds to the millisecond.
/// </summary>
internal static class BoundText
{
    public static string Of(TimeSpan bound) => bound < TimeSpan.FromMilliseconds(100)
        ? string.Create(CultureInfo.InvariantCulture, $"{bound.TotalMilliseconds:0.###} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{bound.TotalSeconds:0.###} s");
}
