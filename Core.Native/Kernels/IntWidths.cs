using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Augment.Native.Kernels;

/// <summary>
/// One vector width for integer kernels on bytes, as static members (the integer sibling of <see cref="IWidth{TF, TB}"/>):
/// <typeparamref name="TB"/> holds <see cref="Bytes"/> bytes, <typeparamref name="T16"/> half as many ushorts and
/// <typeparamref name="T32"/> a quarter as many uints. Integer arithmetic wraps, so every path that computes the same
/// sums gives the same bits whatever the order.
/// </summary>
internal interface IIntWidth<TB, T16, T32>
    where TB : struct where T16 : struct where T32 : struct
{
    static abstract int Bytes { get; }
    static abstract TB LoadB(ref byte p);
    static abstract void StoreB(TB v, ref byte p);
    static abstract TB MinB(TB a, TB b);
    static abstract TB MaxB(TB a, TB b);
    /// <summary>Loads <c>Bytes / 2</c> bytes, widened to ushorts.</summary>
    static abstract T16 LoadU8AsU16(ref byte p);
    /// <summary>Loads <c>Bytes / 4</c> bytes, widened to uints.</summary>
    static abstract T32 LoadU8AsU32(ref byte p);
    static abstract T16 Load16(ref ushort p);
    static abstract void Store16(T16 v, ref ushort p);
    static abstract T16 Splat16(ushort x);
    static abstract T16 Add16(T16 a, T16 b);
    static abstract T16 Mul16(T16 a, T16 b);
    /// <summary>Loads <c>Bytes / 4</c> ushorts, widened to uints.</summary>
    static abstract T32 LoadU16AsU32(ref ushort p);
    static abstract T32 Splat32(uint x);
    static abstract T32 Add32(T32 a, T32 b);
    static abstract T32 Mul32(T32 a, T32 b);
    static abstract T32 Shr32(T32 a, int shift);
    /// <summary>Stores <c>Bytes / 4</c> uint lanes as ushorts; each lane must already be below 65536.</summary>
    static abstract void StoreU32AsU16(T32 v, ref ushort p);
    /// <summary>Narrows four uint vectors of values in [0, 255] to one byte vector, lanes in order.</summary>
    static abstract TB Narrow4(T32 a, T32 b, T32 c, T32 d);
}

internal readonly struct I128 : IIntWidth<Vector128<byte>, Vector128<ushort>, Vector128<uint>>
{
    public static int Bytes => 16;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> LoadB(ref byte p) => Vector128.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector128<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> MinB(Vector128<byte> a, Vector128<byte> b) => Vector128.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<byte> MaxB(Vector128<byte> a, Vector128<byte> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<ushort> LoadU8AsU16(ref byte p) =>
        Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> LoadU8AsU32(ref byte p) =>
        Vector128.WidenLower(Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref p)).AsByte()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ushort> Load16(ref ushort p) => Vector128.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store16(Vector128<ushort> v, ref ushort p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ushort> Splat16(ushort x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ushort> Add16(Vector128<ushort> a, Vector128<ushort> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<ushort> Mul16(Vector128<ushort> a, Vector128<ushort> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<uint> LoadU16AsU32(ref ushort p) =>
        Vector128.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref Unsafe.As<ushort, byte>(ref p))).AsUInt16());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> Splat32(uint x) => Vector128.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> Add32(Vector128<uint> a, Vector128<uint> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> Mul32(Vector128<uint> a, Vector128<uint> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<uint> Shr32(Vector128<uint> a, int shift) => Vector128.ShiftRightLogical(a, shift);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU32AsU16(Vector128<uint> v, ref ushort p) =>
        Unsafe.WriteUnaligned(ref Unsafe.As<ushort, byte>(ref p), Vector128.Narrow(v, v).AsUInt64().ToScalar());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Narrow4(Vector128<uint> a, Vector128<uint> b, Vector128<uint> c, Vector128<uint> d) =>
        Vector128.Narrow(Vector128.Narrow(a, b), Vector128.Narrow(c, d));
}

internal readonly struct I256 : IIntWidth<Vector256<byte>, Vector256<ushort>, Vector256<uint>>
{
    public static int Bytes => 32;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> LoadB(ref byte p) => Vector256.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector256<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> MinB(Vector256<byte> a, Vector256<byte> b) => Vector256.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<byte> MaxB(Vector256<byte> a, Vector256<byte> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ushort> LoadU8AsU16(ref byte p) => Vector256.WidenLower(Vector128.LoadUnsafe(ref p).ToVector256Unsafe());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> LoadU8AsU32(ref byte p) =>
        Vector256.WidenLower(Vector256.WidenLower(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref p)).AsByte().ToVector256Unsafe()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ushort> Load16(ref ushort p) => Vector256.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store16(Vector256<ushort> v, ref ushort p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ushort> Splat16(ushort x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ushort> Add16(Vector256<ushort> a, Vector256<ushort> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<ushort> Mul16(Vector256<ushort> a, Vector256<ushort> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<uint> LoadU16AsU32(ref ushort p) => Vector256.WidenLower(Vector128.LoadUnsafe(ref p).ToVector256Unsafe());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> Splat32(uint x) => Vector256.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> Add32(Vector256<uint> a, Vector256<uint> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> Mul32(Vector256<uint> a, Vector256<uint> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<uint> Shr32(Vector256<uint> a, int shift) => Vector256.ShiftRightLogical(a, shift);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU32AsU16(Vector256<uint> v, ref ushort p) => Vector256.Narrow(v, v).GetLower().StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Narrow4(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c, Vector256<uint> d) =>
        Vector256.Narrow(Vector256.Narrow(a, b), Vector256.Narrow(c, d));
}

internal readonly struct I512 : IIntWidth<Vector512<byte>, Vector512<ushort>, Vector512<uint>>
{
    public static int Bytes => 64;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> LoadB(ref byte p) => Vector512.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void StoreB(Vector512<byte> v, ref byte p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> MinB(Vector512<byte> a, Vector512<byte> b) => Vector512.Min(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<byte> MaxB(Vector512<byte> a, Vector512<byte> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<ushort> LoadU8AsU16(ref byte p) => Vector512.WidenLower(Vector256.LoadUnsafe(ref p).ToVector512Unsafe());
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> LoadU8AsU32(ref byte p) =>
        Vector512.WidenLower(Vector512.WidenLower(Vector128.LoadUnsafe(ref p).ToVector256Unsafe().ToVector512Unsafe()));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ushort> Load16(ref ushort p) => Vector512.LoadUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store16(Vector512<ushort> v, ref ushort p) => v.StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ushort> Splat16(ushort x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ushort> Add16(Vector512<ushort> a, Vector512<ushort> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<ushort> Mul16(Vector512<ushort> a, Vector512<ushort> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<uint> LoadU16AsU32(ref ushort p) => Vector512.WidenLower(Vector256.LoadUnsafe(ref p).ToVector512Unsafe());
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> Splat32(uint x) => Vector512.Create(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> Add32(Vector512<uint> a, Vector512<uint> b) => a + b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> Mul32(Vector512<uint> a, Vector512<uint> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<uint> Shr32(Vector512<uint> a, int shift) => Vector512.ShiftRightLogical(a, shift);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreU32AsU16(Vector512<uint> v, ref ushort p) => Vector512.Narrow(v, v).GetLower().StoreUnsafe(ref p);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Narrow4(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c, Vector512<uint> d) =>
        Vector512.Narrow(Vector512.Narrow(a, b), Vector512.Narrow(c, d));
}
