// Build targets: dotnet fsi build.fsx <build|test|surface|golden|catalogue|bench [--quick]|demo|pack|consumer>
// Plain F# over the dotnet CLI, so it needs nothing beyond the SDK.
open System
open System.Diagnostics
open System.IO

let root = __SOURCE_DIRECTORY__
let ci = Environment.GetEnvironmentVariable "CI" = "true"

let run (exe: string) (args: string list) =
    let psi = ProcessStartInfo(exe, (args: string list), WorkingDirectory = root, UseShellExecute = false)
    use p = Process.Start psi
    p.WaitForExit()
    p.ExitCode

let step exe args =
    let code = run exe args
    if code <> 0 then
        eprintfn "build.fsx: %s %s exited with %d" exe (String.concat " " args) code
        exit code

let restore project =
    step "dotnet" ([ "restore"; project ] @ (if ci then [ "--locked-mode" ] else []))

let buildProject project =
    restore project
    step "dotnet" [ "build"; project; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet" ]

/// The standard output of a command run in the repository root (None when it fails or cannot start).
let output (exe: string) (args: string list) =
    try
        let psi = ProcessStartInfo(exe, (args: string list), WorkingDirectory = root, UseShellExecute = false,
                                   RedirectStandardOutput = true, RedirectStandardError = true)
        use p = Process.Start psi
        let text = p.StandardOutput.ReadToEnd()
        p.StandardError.ReadToEnd() |> ignore
        p.WaitForExit()
        if p.ExitCode = 0 then Some(text.Trim()) else None
    with _ -> None

/// The packages' version, from git: 0.2.0-dev.<commit count>.g<short sha>, and .dirty.<UTC time> when the work tree
/// has changes, so that no two different builds share a version and a consumer never restores a stale copy from its
/// package cache. (Without git, 0.2.0-dev.0.<UTC time>.)
let packageVersion () =
    let prefix = "0.2.0-dev"
    let time () = DateTime.UtcNow.ToString "yyyyMMddHHmmss"
    match output "git" [ "rev-list"; "--count"; "HEAD" ], output "git" [ "rev-parse"; "--short=8"; "HEAD" ] with
    | Some count, Some sha ->
        let dirty = output "git" [ "status"; "--porcelain"; "--untracked-files=no" ] |> Option.exists (fun s -> s <> "")
        sprintf "%s.%s.g%s%s" prefix count sha (if dirty then ".dirty." + time () else "")
    | _ -> sprintf "%s.0.%s" prefix (time ())

let libraries = [ "Core.Native/Core.Native.csproj"; "Augment.FSharp/Augment.FSharp.fsproj"; "Augment.CSharp/Augment.CSharp.csproj" ]

/// Packs the three libraries into artifacts/ (old packages there removed first) with the version from git; returns it.
let pack () =
    let version = packageVersion ()
    let artifacts = Path.Combine(root, "artifacts")
    Directory.CreateDirectory artifacts |> ignore
    for f in Directory.GetFiles(artifacts, "*.nupkg") do File.Delete f
    for p in libraries do
        restore p
        step "dotnet" [ "pack"; p; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet"; "-o"; artifacts; "-p:Version=" + version ]
    printfn "packages %s: %s" version artifacts
    version

let tests = "Properties.Tests/Properties.Tests.fsproj"
let cli = "Augment.Cli/Augment.Cli.fsproj"
let bin project name = Path.Combine(root, Path.GetDirectoryName(project: string), "bin", "Release", "net10.0", "linux-x64", name)

let usage () =
    eprintfn "usage: dotnet fsi build.fsx <build|test|surface|golden|catalogue|bench [--quick]|demo|pack|consumer> [arguments passed on]"
    exit 2

match fsi.CommandLineArgs |> Array.toList |> List.tail with
| "build" :: _ -> buildProject "Augment.slnx"
| "test" :: rest ->
    buildProject tests
    // The test runner prints the closing "N passed, N failed, N skipped" line and exits non-zero on failure.
    exit (run "dotnet" ([ bin tests "Properties.Tests.dll"; "--summary" ] @ rest))
| "surface" :: _ ->
    // Regenerates Augment.CSharp/Augmentations.g.cs from the F# op catalogue, then builds again with it.
    // (If an op's F# signature changed so that the old file no longer compiles, the first build fails: delete the
    // stale methods from the file by hand, keeping those the examples call, and run this again.)
    buildProject tests
    step "dotnet" [ bin tests "Properties.Tests.dll"; "--write-csharp-surface" ]
    buildProject tests
| "golden" :: _ ->
    // Regenerates Properties.Tests/golden/*.json after an intended change of behaviour (review the diff).
    buildProject tests
    exit (run "dotnet" [ bin tests "Properties.Tests.dll"; "--write-golden" ])
| "catalogue" :: rest ->
    // Regenerates docs/catalogue.md, docs/catalogue/*.jpg and docs/galleries/*.jpg from the op catalogue.
    buildProject cli
    exit (run "dotnet" ([ bin cli "Augment.Cli.dll"; "catalogue" ] @ rest))
| "demo" :: rest ->
    buildProject cli
    exit (run "dotnet" ([ bin cli "Augment.Cli.dll"; "demo" ] @ rest))
| "bench" :: rest ->
    restore "bench/Bench.csproj"
    step "dotnet" [ "build"; "bench/Bench.csproj"; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet" ]
    // --quick: our public API beside OpenCV, timed in this process (no BenchmarkDotNet, no child processes);
    // writes bench/results/latest.csv and latest.md.
    if List.contains "--quick" rest then exit (run "dotnet" [ bin "bench/Bench.csproj" "Bench.dll"; "--quick" ])
    let args = if rest.IsEmpty then [ "--filter"; "*" ] else rest
    let code = run "dotnet" ([ bin "bench/Bench.csproj" "Bench.dll" ] @ args)
    // Collect BenchmarkDotNet's GitHub-flavoured tables into the results file, with the date and machine.
    let results = Path.Combine(root, "BenchmarkDotNet.Artifacts", "results")
    if code = 0 && Directory.Exists results then
        let tables =
            Directory.GetFiles(results, "*-report-github.md")
            |> Array.sort
            |> Array.map (fun f -> sprintf "## %s\n\n%s" (Path.GetFileName(f).Replace("-report-github.md", "")) (File.ReadAllText f))
        let header =
            sprintf "# Benchmark results\n\nWritten by `dotnet fsi build.fsx bench` on %s UTC; %d logical cores.\n\n"
                (DateTime.UtcNow.ToString "yyyy-MM-dd HH:mm") Environment.ProcessorCount
        File.WriteAllText(Path.Combine(root, "bench", "RESULTS.latest.md"), header + String.Join("\n", tables))
        printfn "results: bench/RESULTS.latest.md (bench/RESULTS.md is the reviewed record)"
    exit code
| "pack" :: _ -> pack () |> ignore
| _ -> usage ()
