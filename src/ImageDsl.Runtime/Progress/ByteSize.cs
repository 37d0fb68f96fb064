using System.Globalization;

namespace ImageDsl.Progress;

/// <summary>Sizes for people, in apko's style: `512 B`, `1.0 KB`, `3.4 MB` (powers of 1024, one decimal).</summary>
public static class ByteSize
{
    private const string Units = "KMGTPE";

    public static string Format(long bytes)
    {
        if (bytes < 1024)
        {
            return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        // Like Go's %.1f: exact halves round to even (1280 B is "1.2 KB"), and the unit is chosen before
        // rounding, so 1 MiB - 1 byte prints as "1024.0 KB", as apko prints it.
        double rounded = Math.Round(value, 1, MidpointRounding.ToEven);
        return rounded.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit] + "B";
    }
}
