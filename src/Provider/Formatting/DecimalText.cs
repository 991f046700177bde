namespace LoguStyle.Formatting;

/// <summary>
/// Writes a <see cref="decimal"/> as UTF-8 exactly as <c>decimal.ToString(CultureInfo.InvariantCulture)</c> does:
/// every digit of its scale kept (<c>29.970</c>, <c>0.00</c>), a minus sign unless the value is zero. The runtime's
/// own formatting goes through a general number buffer; amounts and prices, the decimals logged most, have an unscaled
/// value that fits 64 bits, and their digits are written here straight into the output, from the last one back
/// (a division by the constant 10 is a multiplication). Kept because it measured faster on the logging call's whole
/// path, not only alone (docs/benchmarks.md, "Hand-made pieces of the hot path").
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
        var scale = (bits[3] >> 16) & 0xFF;
        var count = DigitCount(unscaled);

        // Fewer digits than the scale needs (0.001 is 1 with scale 3): a zero before the point, zeros after it.
        var whole = Math.Max(1, count - scale);
        var sign = bits[3] < 0 && unscaled != 0 ? 1 : 0;
        var length = sign + whole + (scale > 0 ? scale + 1 : 0);
        if (length > destination.Length)
        {
            return false;
        }

        var at = length;
        for (var i = 0; i < scale; i++)
        {
            (unscaled, var digit) = Math.DivRem(unscaled, 10UL);
            destination[--at] = (byte)('0' + digit);
        }

        if (scale > 0)
        {
            destination[--at] = (byte)'.';
        }

        do
        {
            (unscaled, var digit) = Math.DivRem(unscaled, 10UL);
            destination[--at] = (byte)('0' + digit);
        }
        while (unscaled != 0);

        if (sign != 0)
        {
            destination[0] = (byte)'-';
        }

        written = length;
        return true;
    }

    // By comparisons with the powers of ten, not divisions: the digits themselves are divided out once, by the writer.
    private static int DigitCount(ulong value)
    {
        var count = 1;
        for (var power = 10UL; count < 20 && value >= power; power *= 10)
        {
            count++;
        }

        return count;
    }
}
