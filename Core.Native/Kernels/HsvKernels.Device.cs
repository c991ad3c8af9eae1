namespace Augment.Native.Kernels;

// The tables of the byte ShiftHsv as data, for a device kernel that restates its per-pixel body.
public static partial class HsvKernels
{
    /// <summary>Ints in the table <see cref="ShiftHsvTables"/> writes.</summary>
    public const int ShiftHsvTableLength = 1280;

    /// <summary>albumentations' shift tables (<c>(i + hue) mod 180</c>, <c>clip(i + sat)</c>, <c>clip(i + val)</c>, truncated;
    /// identity for a zero shift), as the byte <see cref="ShiftHsv(System.ReadOnlySpan{byte}, System.Span{byte}, int, double, double, double, SimdPath)"/> builds them.</summary>
    private static void ShiftLuts(double hueShift, double satShift, double valShift, Span<byte> lutH, Span<byte> lutS, Span<byte> lutV)
    {
        for (int i = 0; i < 256; i++)
        {
            double h = (i + hueShift) % 180.0;
            if (h < 0) h += 180.0; // numpy.mod: the sign of the divisor
            lutH[i] = hueShift == 0 ? (byte)i : (byte)(int)h;
            lutS[i] = satShift == 0 ? (byte)i : (byte)(int)Math.Clamp(i + satShift, 0.0, 255.0);
            lutV[i] = valShift == 0 ? (byte)i : (byte)(int)Math.Clamp(i + valShift, 0.0, 255.0);
        }
    }

    /// <summary>
    /// The tables the byte <c>ShiftHsv</c> reads, as ints in five runs of 256: OpenCV's saturation division table
    /// (<c>sdiv</c>, 255 * 2^12 / i), its hue division table for 180 (<c>hdiv</c>, 180 * 2^12 / (6 i)), and the hue,
    /// saturation and value shift tables. A device kernel that restates <c>ShiftHsv</c>'s per-pixel body reads them.
    /// </summary>
    /// <param name="hueShift">OpenCV hue units (0..179), in [-180, 180].</param>
    /// <param name="satShift">In [-255, 255].</param>
    /// <param name="valShift">In [-255, 255].</param>
    /// <param name="tables">At least <see cref="ShiftHsvTableLength"/> ints.</param>
    public static void ShiftHsvTables(double hueShift, double satShift, double valShift, Span<int> tables)
    {
        CheckShifts(hueShift, satShift, valShift, 180.0);
        if (tables.Length < ShiftHsvTableLength) Throw.Argument(nameof(tables), tables.Length, $"at least {ShiftHsvTableLength} ints");
        Span<byte> lutH = stackalloc byte[256], lutS = stackalloc byte[256], lutV = stackalloc byte[256];
        ShiftLuts(hueShift, satShift, valShift, lutH, lutS, lutV);
        for (int i = 0; i < 256; i++)
        {
            tables[i] = SDiv[i];
            tables[256 + i] = HDiv180[i];
            tables[512 + i] = lutH[i];
            tables[768 + i] = lutS[i];
            tables[1024 + i] = lutV[i];
        }
    }
}
