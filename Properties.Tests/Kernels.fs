/// Every vector path of every kernel equals the scalar reference, bit for bit. The Vector512 and Vector256 paths are
/// run explicitly as well as through Auto: where the hardware lacks them the runtime emulates them, so their code is
/// still exercised; CI also reruns the suite with AVX-512, AVX2 and all intrinsics switched off.
module Kernels

open System
open System.Runtime.InteropServices
open Expecto
open FsCheck
open FsCheck.FSharp
open Augment.Native
open Augment.Native.Kernels
open Generators

let paths = [ SimdPath.Vector128; SimdPath.Vector256; SimdPath.Vector512; SimdPath.Auto ]

/// The kernels under test, as image functions of a path.
let kernels : (string * (Image -> SimdPath -> Image)) list =
    let coeffs (img: Image) =
        // Coefficients that push values past both ends of the range, so clamping is exercised too.
        let c = img.Channels
        let r = img.Range
        Array.init c (fun i -> r.Min + float32 i * 0.3f * r.Width), Array.init c (fun i -> 1.7f - float32 i * 0.9f),
        Array.init c (fun i -> r.Min + 0.37f * r.Width + float32 i)
    [ "channel affine", fun img p -> let s, m, a = coeffs img in ImageOps.ChannelAffine(img, s, m, a, p)
      "brightness", fun img p -> ImageOps.AdjustBrightness(img, 0.31f * img.Range.Width, p)
      "contrast", fun img p -> ImageOps.AdjustContrast(img, 1.37f, p)
      "invert", fun img p -> ImageOps.Invert(img, p)
      "grayscale to 1", fun img p -> if img.Channels = 1 then img else ImageOps.Grayscale(img, 1, p)
      "grayscale to same", fun img p -> if img.Channels = 1 then img else ImageOps.Grayscale(img, img.Channels, p)
      "flip horizontal", fun img p -> ImageOps.FlipHorizontal(img, p)
      "rot90 k=1", fun img p -> ImageOps.Rot90(img, 1, p)
      "rot90 k=2", fun img p -> ImageOps.Rot90(img, 2, p)
      "rot90 k=3", fun img p -> ImageOps.Rot90(img, 3, p) ]

let private agree name (f: Image -> SimdPath -> Image) (img: Image) =
    let reference = bits (f img SimdPath.Scalar)
    for p in paths do
        let got = bits (f img p)
        if got <> reference then
            let i = Array.zip got reference |> Array.findIndex (fun (a, b) -> a <> b)
            failtestf "%s on %O: path %A differs from scalar at byte %d" name img p i

let tests =
    testList "SIMD paths equal the scalar reference" [
        test "auto path reported" {
            // Printed so that CI logs show which widths each rerun had switched on.
            printfn "SIMD: %s" (Simd.Describe())
            Expect.isTrue (Enum.IsDefined Simd.Best) "a path"
        }
        test "the DOTNET_Enable* settings really switch their paths off" {
            // CI reruns the suite with each of these set to 0; if the runtime ignored one (as .NET 10 ignores
            // DOTNET_EnableAVX512F) the rerun would silently test the same path again.
            let off name = Environment.GetEnvironmentVariable name = "0"
            if off "DOTNET_EnableAVX512" then Expect.isFalse System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated "AVX-512 off"
            if off "DOTNET_EnableAVX2" then Expect.isFalse System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated "AVX2 off"
            if off "DOTNET_EnableHWIntrinsic" then
                Expect.isFalse System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated "all intrinsics off"
                Expect.equal Simd.Best SimdPath.Scalar "Auto runs the scalar path"
        }
        for name, f in kernels do
            test (sprintf "%s, every edge size, 1/3/4 channels, byte and float" name) {
                let mutable seed = 1
                for dims in edgeDims do
                    for c in [ 1; 3; 4 ] do
                        for elem in [ ElementType.Byte; ElementType.Float32 ] do
                            seed <- seed + 1
                            agree name f (makeImage elem c dims seed (ValueRange(-1.5f, 2.5f)))
            }
            testPropertyWithConfig { FsCheckConfig.defaultConfig with maxTest = 60 } (sprintf "%s, random images" name) <|
                Prop.forAll arbImage (fun img -> agree name f img)
    ]
