module Program

open Expecto
open Expecto.Impl
open System

let allTests =
    testList "Augment" [
        KnownAnswers.tests
        Kernels.tests
        GeometryKernels.tests
        Properties.tests
        EngineTests.tests
        FilterTests.tests
        ColourQualityTests.tests
        ColourTests.tests
        OcclusionTests.tests
        GeometryOpsTests.tests
        BadInput.tests
        Hostile.tests
        IO.tests
        Decoding.tests
        Examples.tests
        TensorTests.tests
        AnnotationFiles.tests
        CSharpSurface.tests
        Golden.tests
        RemapTests.tests
        TableKernelTests.tests
        PipelineTests.tests
        FormatTests.tests
        CliTests.tests
        PolicyTests.tests
        TtaTests.tests
        LoaderTests.tests
        FastFilterTests.tests
        OpenClTests.tests
        OpenClBatchTests.tests
        OpenClKernelTests.tests
        OpenClExtraTests.tests
        OpenClMoreTests.tests
        OpenClCopyBatchTests.tests
        FastGeometryTests.tests
        FastWarpTests.tests
        ConversionKernelTests.tests
        FastNoiseTests.tests
        FastColourTests.tests
        FastOcclusionTests.tests
        OverheadTests.tests
        CopyKernelTests.tests
        FastCodecTests.tests
        FastJitterTests.tests
        BatchIntoTests.tests
        FastAffineTests.tests
    ]

[<EntryPoint>]
let main argv =
    if argv |> Array.contains "--write-csharp-surface" then
        // Regenerates Augment.CSharp/Augmentations.g.cs from the F# catalogue (dotnet fsi build.fsx surface), then exits.
        CSharpSurface.write ()
        exit 0
    // `--write-golden` regenerates Properties.Tests/golden/*.json (see Golden.fs) and exits without running tests.
    if Array.contains "--write-golden" argv then
        let sw = Diagnostics.Stopwatch.StartNew()
        for path in Golden.writeAll () do
            printfn "wrote %s (%d bytes)" path (IO.FileInfo(path).Length)
        printfn "golden files written in %.1f s" sw.Elapsed.TotalSeconds
        exit 0
    // `--write-golden-pipelines` regenerates Properties.Tests/golden-pipelines/*.json (see PipelineTests.fs) and exits.
    if Array.contains "--write-golden-pipelines" argv then
        for path in PipelineTests.writeGolden () do
            printfn "wrote %s (%d bytes)" path (IO.FileInfo(path).Length)
        exit 0
    printfn "SIMD: %s" (Augment.Native.Kernels.Simd.Describe())
    // Keep Expecto's own summary, note the counts, and print the plain line CI reads once the run is over,
    // on a line of its own.
    let mutable counts = None
    let printer =
        { TestPrinters.defaultPrinter with
            summary = fun config summary ->
                async {
                    do! TestPrinters.defaultPrinter.summary config summary
                    counts <- Some(summary.passed.Length, summary.failed.Length + summary.errored.Length, summary.ignored.Length)
                } }
    let code = runTestsWithCLIArgs [ CLIArguments.Printer printer; CLIArguments.Fail_On_Focused_Tests; CLIArguments.No_Spinner ] argv allTests
    // Written to the raw standard output: Expecto's console writer decorates lines with colour codes and padding.
    let line =
        match counts with
        | Some (passed, failed, skipped) -> sprintf "%d passed, %d failed, %d skipped" passed failed skipped
        | None -> "0 passed, 1 failed"
    Console.Out.Flush()
    use raw = new IO.StreamWriter(Console.OpenStandardOutput())
    raw.Write("\n" + line + "\n")
    code
