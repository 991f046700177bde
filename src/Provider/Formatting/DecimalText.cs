namespace LoguStyle.Formatting;

/// <summary>
/// Writes a <see cref="decimal"/> as UTF-8 exactly as <c>decimal.ToString(CultureInfo.InvariantCulture)</c> does:
/// every digit of its scale kept (<c>29.970</c>, <c>0.00</c>), a minus sign unless the value is zero. The runtime's
/// own formatting goes through a general number buffer; amounts and prices, the decimals logged most, have an unscaled
/// value that fits 64 bits and are written here directly. Kept because it measured faster on the logging call's
/// whole path, not only alone (docs/benchmarks.md, "Hand-made pieces of the hot path").
/// </summary>
internal static class DecimalText
{
    /// <summary>False when the value's unscaled integer needs more than 64 bits or the text does not fit: use decimal's own.</summary>
    public static bool TryWrite(decimal value, Span<byte> destination, out int written)
    {
        written = 0;
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] != 0)
        {
            return false;
        }

        var unscaled = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = value.Scale;
        Span<byte> digits = stackalloc byte[20];
        unscaled.TryFormat(digits, out var count, default, System.Globalization.CultureInfo.InvariantCulture);
        digits = digits[..count];

        // Fewer digits than the scale needs (0.001 is 1 with scale 3): zeros go between the point and the digits.
        var zeros = Math.Max(0, scale + 1 - count);
        var sign = bits[3] < 0 && unscaled != 0 ? 1 : 0;
        var length = sign + zeros + count + (scale > 0 ? 1 : 0);
        if (length > destination.Length)
        {
            return false;
        }

        var at = 0;
        if (sign != 0)
        {
            destination[at++] = (byte)'-';
        }

        if (scale == 0)
        {
            digits.CopyTo(destination[at..]);
        }
        else if (zeros > 0)
        {
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, zeros - 1).Fill((byte)'0');
            digits.CopyTo(destination[(at + zeros - 1)..]);
        }
        else
        {
            var whole = count - scale;
            digits[..whole].CopyTo(destination[at..]);
            destination[at + whole] = (byte)'.';
            digits[whole..].CopyTo(destination[(at + whole + 1)..]);
        }

        written = length;
        return true;
    }
}
