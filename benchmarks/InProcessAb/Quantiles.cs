namespace LoguStyle.InProcessAb;

/// <summary>Quantiles by linear interpolation between order statistics (R's type 7, numpy's default).</summary>
internal static class Quantiles
{
    public static double Of(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    public static double Median(IEnumerable<double> values) => Of(values, 0.5);
}
