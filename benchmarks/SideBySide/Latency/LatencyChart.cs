using System.Globalization;
using System.Text;

namespace LoguStyle.SideBySide.Latency;

/// <summary>
/// A bar chart of call durations (p50, p99, p99.9 and max per setup) on a logarithmic axis, as SVG: the tails differ from the
/// medians by orders of magnitude, which a linear axis would flatten.
/// </summary>
internal static class LatencyChart
{
    private const int Left = 230;
    private const int Width = 470;
    private const int BarHeight = 7;
    private const int RowHeight = (4 * BarHeight) + 8;
    private const int NoteWidth = 440;

    private static readonly (string Name, string Color)[] Series = [("p50", "#90caf9"), ("p99", "#1e88e5"), ("p99.9", "#0d47a1"), ("max", "#9e9e9e")];

    public static string Svg(string title, IReadOnlyList<(string Heading, IReadOnlyList<LatencyChartRow> Rows)> sections)
    {
        var values = sections.SelectMany(s => s.Rows).SelectMany(r => new[] { r.P50Ns, r.P99Ns, r.P999Ns, r.MaxNs }).Where(v => v > 0).ToList();
        var low = Math.Pow(10, Math.Floor(Math.Log10(values.DefaultIfEmpty(10).Min())));
        var high = Math.Pow(10, Math.Ceiling(Math.Log10(values.DefaultIfEmpty(1000).Max())));
        high = Math.Max(high, low * 10);
        var height = 90 + sections.Sum(s => 24 + (s.Rows.Count * RowHeight) + 10);
        var svg = new StringBuilder();
        svg.AppendLine(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Left + Width + NoteWidth}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.AppendLine("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{Escape(title)}</text>");
        for (var i = 0; i < Series.Length; i++)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Left + (i * 70)}\" y=\"30\" width=\"12\" height=\"10\" fill=\"{Series[i].Color}\"/><text x=\"{Left + (i * 70) + 16}\" y=\"39\">{Series[i].Name}</text>");
        }

        var y = 60;
        var top = y;
        foreach (var (heading, rows) in sections)
        {
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"10\" y=\"{y + 12}\" font-weight=\"bold\">{Escape(heading)}</text>");
            y += 24;
            foreach (var row in rows)
            {
                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{Escape(row.Label)}</text>");
                double[] bars = [row.P50Ns, row.P99Ns, row.P999Ns, row.MaxNs];
                for (var i = 0; i < bars.Length; i++)
                {
                    var width = Math.Max(1, X(bars[i], low, high));
                    svg.AppendLine(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{y + (i * BarHeight)}\" width=\"{width:F1}\" height=\"{BarHeight - 1}\" fill=\"{Series[i].Color}\"/>");
                }

                svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{Left + Width + 12}\" y=\"{y + 19}\">p99.9 {Escape(Duration(row.P999Ns))}, max {Escape(Duration(row.MaxNs))}{(row.Note.Length > 0 ? ", " + Escape(row.Note) : string.Empty)}</text>");
                y += RowHeight;
            }

            y += 10;
        }

        // The axis: a line at each power of ten.
        for (var tick = low; tick <= high * 1.001; tick *= 10)
        {
            var x = Left + X(tick, low, high);
            svg.AppendLine(CultureInfo.InvariantCulture, $"<line x1=\"{x:F1}\" y1=\"{top}\" x2=\"{x:F1}\" y2=\"{y}\" stroke=\"#bdbdbd\" stroke-width=\"0.5\"/>");
            svg.AppendLine(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y + 12}\" text-anchor=\"middle\" font-size=\"10\">{Duration(tick)}</text>");
        }

        svg.AppendLine("</svg>");
        return svg.ToString();
    }

    /// <summary>A duration in the unit that keeps it short: 850 ns, 12.5 µs, 3.2 ms, 1.2 s.</summary>
    public static string Duration(double ns) => ns switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:0.#} µs"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:0.#} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e9:0.##} s"),
    };

    private static double X(double value, double low, double high) =>
        value <= low ? 0 : Width * Math.Log10(value / low) / Math.Log10(high / low);

    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
}
