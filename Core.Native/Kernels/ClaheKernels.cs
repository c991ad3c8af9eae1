using System.Runtime.CompilerServices;
namespace Augment.Native.Kernels;

/// <summary>
/// Contrast-limited adaptive histogram equalisation, as OpenCV's <c>cv::CLAHE</c> (<c>modules/imgproc/src/clahe.cpp</c>)
/// on 8-bit images. Scalar: the kernel is its own reference. Spans in and out, checked at the entry; the destination
/// must not overlap the source.
/// </summary>
public static partial class ClaheKernels
{
    /// <summary>The largest number of tiles along either axis.</summary>
    public const int MaxTiles = 256;

    /// <summary>OpenCV's <c>borderInterpolate(p, len, BORDER_REFLECT_101)</c>: reflects about the edge samples,
    /// repeating for pads longer than the image; a length of 1 always gives 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Reflect101(int p, int len)
    {
        if (len == 1) return 0;
        while ((uint)p >= (uint)len)
            p = p < 0 ? -p : 2 * len - 2 - p;
        return p;
    }

    /// <summary>
    /// The tile size OpenCV's CLAHE uses for a <paramref name="width"/> x <paramref name="height"/> image: when both
    /// sides divide by the grid, the side over the grid; otherwise the image is padded (reflect-101, right and bottom) by
    /// <c>tilesX - width % tilesX</c> columns and <c>tilesY - height % tilesY</c> rows (a whole extra tile where a side
    /// already divides, as OpenCV does) and the tile is the padded side over the grid.
    /// </summary>
    /// <param name="width">The image width.</param>
    /// <param name="height">The image height.</param>
    /// <param name="tilesX">Tiles across.</param>
    /// <param name="tilesY">Tiles down.</param>
    /// <returns>The tile width and height.</returns>
    public static (int Width, int Height) TileSize(int width, int height, int tilesX, int tilesY)
    {
        if (width % tilesX == 0 && height % tilesY == 0) return (width / tilesX, height / tilesY);
        return ((width + tilesX - width % tilesX) / tilesX, (height + tilesY - height % tilesY) / tilesY);
    }

    /// <summary>
    /// CLAHE on each of the first <c>min(channels, 3)</c> channels of an interleaved byte image, independently (as
    /// <c>cv2.createCLAHE(clipLimit, (tilesX, tilesY)).apply</c> on each channel plane); a fourth (alpha) channel is
    /// copied. Per tile: a 256-bin histogram of the (padded, see <see cref="TileSize"/>) image; when
    /// <paramref name="clipLimit"/> &gt; 0 every bin is clipped at <c>max(1, (int)(clipLimit * tileArea / 256))</c>, the
    /// clipped count is spread as <c>clipped / 256</c> to every bin and the remainder <c>r</c> one each to bins
    /// <c>0, s, 2s, ...</c> with <c>s = max(256 / r, 1)</c>; the table is <c>saturate_cast(cumsum * (255f / tileArea))</c>
    /// (float32, half to even). Each pixel blends the tables of its four nearest tile centres bilinearly with
    /// <c>t = x / tileWidth - 0.5</c> (float32; <c>CLAHE_Interpolation_Body</c>), rounded half to even.
    /// </summary>
    /// <param name="src">The source samples, HWC.</param>
    /// <param name="dst">The destination, as long as the source.</param>
    /// <param name="width">The image width.</param>
    /// <param name="height">The image height.</param>
    /// <param name="channels">Channels per pixel: 1, 3 or 4.</param>
    /// <param name="clipLimit">OpenCV's clip limit (0: no clipping, plain adaptive equalisation), at most 1e6.</param>
    /// <param name="tilesX">Tiles across, 1 to <see cref="MaxTiles"/>.</param>
    /// <param name="tilesY">Tiles down, 1 to <see cref="MaxTiles"/>.</param>
    /// <param name="path">The code path (the vector paths gather the tables with AVX2,
    /// <c>ClaheKernels.Fast.cs</c>; without AVX2 the scalar reference runs); every path gives the same bits.</param>
    /// <exception cref="ArgumentException">A size, the channel count, the clip limit or a tile count is out of its
    /// domain, or the lengths do not match.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Clahe(ReadOnlySpan<byte> src, Span<byte> dst, int width, int height, int channels,
        double clipLimit, int tilesX, int tilesY, SimdPath path = SimdPath.Auto)
    {
        if (width < 1) Throw.Argument(nameof(width), width, "at least 1");
        if (height < 1) Throw.Argument(nameof(height), height, "at least 1");
        if (channels is not (1 or 3 or 4)) Throw.Argument(nameof(channels), channels, "1, 3 or 4");
        if (!(clipLimit >= 0.0 && clipLimit <= 1e6)) Throw.Argument(nameof(clipLimit), clipLimit, "a clip limit in [0, 1e6]");
        if (tilesX < 1 || tilesX > MaxTiles) Throw.Argument(nameof(tilesX), tilesX, $"1 to {MaxTiles} tiles");
        if (tilesY < 1 || tilesY > MaxTiles) Throw.Argument(nameof(tilesY), tilesY, $"1 to {MaxTiles} tiles");
        long n = (long)width * height * channels;
        if (src.Length != n) Throw.Argument(nameof(src), src.Length, $"width * height * channels = {n}");
        if (dst.Length != n) Throw.Argument(nameof(dst), dst.Length, $"the source length {n}");
        if (GrayKernels.Width(path) is var simd && FastWidth(simd))
        {
            ClaheFast(src, dst, width, height, channels, clipLimit, tilesX, tilesY, simd);
            return;
        }

        var (tw, th) = TileSize(width, height, tilesX, tilesY);
        double area = (double)tw * th;
        float lutScale = (float)(255.0 / area);
        int limit = 0;
        if (clipLimit > 0.0) limit = Math.Max((int)Math.Min(clipLimit * area / 256, int.MaxValue), 1);

        // Padded column and row of each padded position (reflect-101 on the right and bottom only).
        int pw = tw * tilesX, ph = th * tilesY;
        var colOf = new int[pw];
        for (int x = 0; x < pw; x++) colOf[x] = Reflect101(x, width);
        var rowOf = new int[ph];
        for (int y = 0; y < ph; y++) rowOf[y] = Reflect101(y, height);

        // The interpolation's column tables (CLAHE_Interpolation_Body).
        float invTw = 1.0f / tw, invTh = 1.0f / th;
        var tx1s = new int[width];
        var tx2s = new int[width];
        var xas = new float[width];
        for (int x = 0; x < width; x++)
        {
            float txf = x * invTw - 0.5f;
            int tx1 = (int)MathF.Floor(txf);
            xas[x] = txf - tx1;
            tx1s[x] = Math.Max(tx1, 0);
            tx2s[x] = Math.Min(tx1 + 1, tilesX - 1);
        }

        int colourChannels = Math.Min(channels, 3);
        var luts = new byte[tilesX * tilesY * 256];
        var hist = new int[256];
        for (int c = 0; c < colourChannels; c++)
        {
            for (int ty = 0; ty < tilesY; ty++)
            for (int tx = 0; tx < tilesX; tx++)
            {
                Array.Clear(hist);
                for (int y = ty * th; y < (ty + 1) * th; y++)
                {
                    int row = rowOf[y] * width;
                    for (int x = tx * tw; x < (tx + 1) * tw; x++)
                        hist[src[(row + colOf[x]) * channels + c]]++;
                }
                if (limit > 0)
                {
                    int clipped = 0;
                    for (int i = 0; i < 256; i++)
                        if (hist[i] > limit)
                        {
                            clipped += hist[i] - limit;
                            hist[i] = limit;
                        }
                    int batch = clipped / 256;
                    int residual = clipped - batch * 256;
                    for (int i = 0; i < 256; i++) hist[i] += batch;
                    if (residual != 0)
                    {
                        int step = Math.Max(256 / residual, 1);
                        for (int i = 0; i < 256 && residual > 0; i += step, residual--) hist[i]++;
                    }
                }
                int sum = 0;
                int lut = (ty * tilesX + tx) * 256;
                for (int i = 0; i < 256; i++)
                {
                    sum += hist[i];
                    luts[lut + i] = ToByte(sum * lutScale);
                }
            }

            for (int y = 0; y < height; y++)
            {
                float tyf = y * invTh - 0.5f;
                int ty1 = (int)MathF.Floor(tyf);
                float ya = tyf - ty1, ya1 = 1.0f - ya;
                int ty2 = Math.Min(ty1 + 1, tilesY - 1);
                ty1 = Math.Max(ty1, 0);
                int plane1 = ty1 * tilesX * 256, plane2 = ty2 * tilesX * 256;
                int row = y * width;
                for (int x = 0; x < width; x++)
                {
                    int i = (row + x) * channels + c;
                    int v = src[i];
                    int i1 = tx1s[x] * 256 + v, i2 = tx2s[x] * 256 + v;
                    float xa = xas[x], xa1 = 1.0f - xa;
                    float res = (luts[plane1 + i1] * xa1 + luts[plane1 + i2] * xa) * ya1
                              + (luts[plane2 + i1] * xa1 + luts[plane2 + i2] * xa) * ya;
                    dst[i] = ToByte(res);
                }
            }
        }
        if (channels == 4)
            for (long i = 3; i < n; i += 4) dst[(int)i] = src[(int)i];
    }

    private static byte ToByte(float v) => (byte)MathF.Min(MathF.Max(MathF.Round(v), 0f), 255f);
}
