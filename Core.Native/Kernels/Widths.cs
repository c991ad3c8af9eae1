using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

/// <summary>Which code path a kernel runs.</summary>
public enum SimdPath
{
    /// <summary>The widest vector width the hardware accelerates, else scalar.</summary>
    Auto,
    /// <summary>The scalar reference: one element at a time, obviously correct.</summary>
    Scalar,
    /// <summary>128-bit vectors, with the scalar path for the remainder.</summary>
    Vector128,
    /// <summary>256-bit vectors, with the scalar path for the remainder.</summary>
    Vector256,
    /// <summary>512-bit vectors, with the scalar path for the remainder.</summary>
    Vector512,
}

/// <summary>Resolves <see cref="SimdPath.Auto"/> against the hardware.</summary>
public static class Simd
{
    /// <summary>The path <see cref="SimdPath.Auto"/> runs on this machine and process (the
    /// <c>DOTNET_EnableAVX512</c>, <c>DOTNET_EnableAVX2</c>, <c>DOTNET_EnableHWIntrinsic</c> settings included).</summary>
    public static SimdPath Best { get; } =
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? SimdPath.Vector512
        : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? SimdPath.Vector128
        : SimdPath.Scalar;

    /// <summary>Replaces <see cref="SimdPath.Auto"/> with <see cref="Best"/>.</summary>
    public static SimdPath Resolve(SimdPath path) => path == SimdPath.Auto ? Best : path;

    /// <summary>A line describing the accelerated widths, for logs and test headers.</summary>
    public static string Describe() =>
        $"Vector512.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated} " +
        $"Vector256.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated} " +
        $"Vector128.IsHardwareAccelerated={System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated} " +
        $"auto path={Best}";
}

/// <summary>
/// One vector width, as static members, so that each kernel's loop is written once and the JIT
/// specialises it per width (the shape of TensorPrimitives' operator structs). <typeparamref name="TF"/>
/// is the float vector, <typeparamref name="TB"/> the byte vector of the same width.
/// </summary>
internal interface IWidth<TF, TB>
    where TF : struct
    where TB : struct
{
    static abstract int Count { get; }
    static abstract int ByteCount { get; }
    static abstract TF Load(ref float p);
    static abstract void Store(TF v, ref float p);
    static abstract TF Splat(float x);
    static abstract TF Add(TF a, TF b);
    static abstract TF Sub(TF a, TF b);
    static abstract TF Mul(TF a, TF b);
    static abstract TF Min(TF a, TF b);
    static abstract TF Max(TF a, TF b);
    /// <summary>Rounds half to even, as <see cref="MathF.Round(float)"/>.</summary>
    static abstract TF Round(TF a);
    /// <summary>Loads <see cref="Count"/> bytes, widened to floats.</summary>
    static abstract TF LoadWidening(ref byte p);
    /// <summary>Stores <see cref="Count"/> lanes as bytes; each lane must already be an integer in [0, 255].</summary>
    static abstract void StoreNarrowing(TF v, ref byte p);
    /// <summary>Lane k is <c>p[k * stride]</c>.</summary>
    static abstract TF Gather(ref float p, int stride);
    static abstract TB LoadB(ref byte p);
    static abstract void StoreB(TB v, ref byte p);
    /// <summary>Lane k is <c>v[indices[k]]</c>, or 0 where the index is out of range.</summary>
    static abstract TB ShuffleB(TB v, TB indices);
    static abstract TB OrB(TB a, TB b);
    /// <summary>Widens all <see cref="ByteCount"/> bytes of <paramref name="v"/> to four float vectors, lanes in order.</summary>
    static abstract void Widen4(TB v, out TF a, out TF b, out TF c, out TF d);
    /// <summary>Narrows four float vectors of integers in [0, 255] back to one byte vector, lanes in order.</summary>
    static abstract TB Narrow4(TF a, TF b, TF c, TF d);
    /// <summary>Permutes 32-bit lanes; <paramref name="indices"/> holds int lane indices reinterpreted as floats.</summary>
    static abstract TF Shuffle32(TF v, TF indices);
    static abstract TB BytesFrom(ReadOnlySpan<byte> values);
    static abstract TF IntsFrom(ReadOnlySpan<int> values);
}

internal readonly struct W128 : IWidth<Vector128<float>, Vector128<byte>>
{
    public static int Count => Vector128<float>.Count;
    public static int ByteCount => Vector128<byte>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Load(ref float p) => Vector128.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector128<float> v, ref float p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Splat(float x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Add(Vector128<float> a, Vector128<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sub(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Mul(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Min(Vector128<float> a, Vector128<float> b) => Vector128.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Round(Vector128<float> a) => Vector128.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LoadWidening(ref byte p)
    {
        var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref p)).AsByte();
        var u = Vector128.WidenLower(Vector128.WidenLower(b));
        return Vector128.ConvertToSingle(u.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowing(Vector128<float> v, ref byte p)
    {
        var i = Vector128.ConvertToInt32(v).AsUInt32();
        var w = Vector128.Narrow(i, i);
        var b = Vector128.Narrow(w, w);
        Unsafe.WriteUnaligned(ref p, b.AsUInt32().ToScalar());
    }

    public static Vector128<float> Gather(ref float p, int stride)
    {
        Span<float> t = stackalloc float[4];
        for (int k = 0; k < t.Length; k++) t[k] = Unsafe.Add(ref p, k * stride);
        return Vector128.Create<float>(t);
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> LoadB(ref byte p) => Vector128.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector128<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> ShuffleB(Vector128<byte> v, Vector128<byte> i) => Vector128.Shuffle(v, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> OrB(Vector128<byte> a, Vector128<byte> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Widen4(Vector128<byte> v, out Vector128<float> a, out Vector128<float> b, out Vector128<float> c, out Vector128<float> d)
    {
        var (lo, hi) = Vector128.Widen(v);
        var (l0, l1) = Vector128.Widen(lo);
        var (h0, h1) = Vector128.Widen(hi);
        a = Vector128.ConvertToSingle(l0.AsInt32());
        b = Vector128.ConvertToSingle(l1.AsInt32());
        c = Vector128.ConvertToSingle(h0.AsInt32());
        d = Vector128.ConvertToSingle(h1.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Narrow4(Vector128<float> a, Vector128<float> b, Vector128<float> c, Vector128<float> d) =>
        Vector128.Narrow(
            Vector128.Narrow(Vector128.ConvertToInt32(a).AsUInt32(), Vector128.ConvertToInt32(b).AsUInt32()),
            Vector128.Narrow(Vector128.ConvertToInt32(c).AsUInt32(), Vector128.ConvertToInt32(d).AsUInt32()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Shuffle32(Vector128<float> v, Vector128<float> i) => Vector128.Shuffle(v.AsInt32(), i.AsInt32()).AsSingle();
    public static Vector128<byte> BytesFrom(ReadOnlySpan<byte> values) => Vector128.Create(values);
    public static Vector128<float> IntsFrom(ReadOnlySpan<int> values) => Vector128.Create(values).AsSingle();
}

internal readonly struct W256 : IWidth<Vector256<float>, Vector256<byte>>
{
    public static int Count => Vector256<float>.Count;
    public static int ByteCount => Vector256<byte>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Load(ref float p) => Vector256.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector256<float> v, ref float p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Splat(float x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Add(Vector256<float> a, Vector256<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sub(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Mul(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Min(Vector256<float> a, Vector256<float> b) => Vector256.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Round(Vector256<float> a) => Vector256.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LoadWidening(ref byte p)
    {
        var b = Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte();
        var w = Vector128.WidenLower(b);
        var u = Vector256.Create(Vector128.WidenLower(w), Vector128.WidenUpper(w));
        return Vector256.ConvertToSingle(u.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowing(Vector256<float> v, ref byte p)
    {
        var i = Vector256.ConvertToInt32(v).AsUInt32();
        var w = Vector128.Narrow(i.GetLower(), i.GetUpper());
        var b = Vector128.Narrow(w, w);
        Unsafe.WriteUnaligned(ref p, b.AsUInt64().ToScalar());
    }

    public static Vector256<float> Gather(ref float p, int stride)
    {
        Span<float> t = stackalloc float[8];
        for (int k = 0; k < t.Length; k++) t[k] = Unsafe.Add(ref p, k * stride);
        return Vector256.Create<float>(t);
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> LoadB(ref byte p) => Vector256.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector256<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> ShuffleB(Vector256<byte> v, Vector256<byte> i) => Vector256.Shuffle(v, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> OrB(Vector256<byte> a, Vector256<byte> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Widen4(Vector256<byte> v, out Vector256<float> a, out Vector256<float> b, out Vector256<float> c, out Vector256<float> d)
    {
        var (lo, hi) = Vector256.Widen(v);
        var (l0, l1) = Vector256.Widen(lo);
        var (h0, h1) = Vector256.Widen(hi);
        a = Vector256.ConvertToSingle(l0.AsInt32());
        b = Vector256.ConvertToSingle(l1.AsInt32());
        c = Vector256.ConvertToSingle(h0.AsInt32());
        d = Vector256.ConvertToSingle(h1.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Narrow4(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d) =>
        Vector256.Narrow(
            Vector256.Narrow(Vector256.ConvertToInt32(a).AsUInt32(), Vector256.ConvertToInt32(b).AsUInt32()),
            Vector256.Narrow(Vector256.ConvertToInt32(c).AsUInt32(), Vector256.ConvertToInt32(d).AsUInt32()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Shuffle32(Vector256<float> v, Vector256<float> i) => Vector256.Shuffle(v.AsInt32(), i.AsInt32()).AsSingle();
    public static Vector256<byte> BytesFrom(ReadOnlySpan<byte> values) => Vector256.Create(values);
    public static Vector256<float> IntsFrom(ReadOnlySpan<int> values) => Vector256.Create(values).AsSingle();
}

internal readonly struct W512 : IWidth<Vector512<float>, Vector512<byte>>
{
    public static int Count => Vector512<float>.Count;
    public static int ByteCount => Vector512<byte>.Count;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Load(ref float p) => Vector512.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(Vector512<float> v, ref float p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Splat(float x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Add(Vector512<float> a, Vector512<float> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sub(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Mul(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Min(Vector512<float> a, Vector512<float> b) => Vector512.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Round(Vector512<float> a) => Vector512.Round(a);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LoadWidening(ref byte p)
    {
        var b = Vector128.LoadUnsafe(ref p);
        var lo = Vector128.WidenLower(b);
        var hi = Vector128.WidenUpper(b);
        var u = Vector512.Create(
            Vector256.Create(Vector128.WidenLower(lo), Vector128.WidenUpper(lo)),
            Vector256.Create(Vector128.WidenLower(hi), Vector128.WidenUpper(hi)));
        return Vector512.ConvertToSingle(u.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreNarrowing(Vector512<float> v, ref byte p)
    {
        var i = Vector512.ConvertToInt32(v).AsUInt32();
        var lo = i.GetLower();
        var hi = i.GetUpper();
        var w0 = Vector128.Narrow(lo.GetLower(), lo.GetUpper());
        var w1 = Vector128.Narrow(hi.GetLower(), hi.GetUpper());
        Vector128.Narrow(w0, w1).StoreUnsafe(ref p);
    }

    public static Vector512<float> Gather(ref float p, int stride)
    {
        Span<float> t = stackalloc float[16];
        for (int k = 0; k < t.Length; k++) t[k] = Unsafe.Add(ref p, k * stride);
        return Vector512.Create<float>(t);
    }


    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> LoadB(ref byte p) => Vector512.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector512<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> ShuffleB(Vector512<byte> v, Vector512<byte> i) => Vector512.Shuffle(v, i);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> OrB(Vector512<byte> a, Vector512<byte> b) => a | b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Widen4(Vector512<byte> v, out Vector512<float> a, out Vector512<float> b, out Vector512<float> c, out Vector512<float> d)
    {
        var (lo, hi) = Vector512.Widen(v);
        var (l0, l1) = Vector512.Widen(lo);
        var (h0, h1) = Vector512.Widen(hi);
        a = Vector512.ConvertToSingle(l0.AsInt32());
        b = Vector512.ConvertToSingle(l1.AsInt32());
        c = Vector512.ConvertToSingle(h0.AsInt32());
        d = Vector512.ConvertToSingle(h1.AsInt32());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Narrow4(Vector512<float> a, Vector512<float> b, Vector512<float> c, Vector512<float> d) =>
        Vector512.Narrow(
            Vector512.Narrow(Vector512.ConvertToInt32(a).AsUInt32(), Vector512.ConvertToInt32(b).AsUInt32()),
            Vector512.Narrow(Vector512.ConvertToInt32(c).AsUInt32(), Vector512.ConvertToInt32(d).AsUInt32()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Shuffle32(Vector512<float> v, Vector512<float> i) => Vector512.Shuffle(v.AsInt32(), i.AsInt32()).AsSingle();
    public static Vector512<byte> BytesFrom(ReadOnlySpan<byte> values) => Vector512.Create(values);
    public static Vector512<float> IntsFrom(ReadOnlySpan<int> values) => Vector512.Create(values).AsSingle();
}
