// Build targets: dotnet fsi build.fsx <build|test|surface|golden|catalogue|bench [--quick]|demo|pack|consumer|training [--full]|tour>
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
        let dirty = output "git" [ "status"; "--porcelain" ] |> Option.exists (fun s -> s <> "")
        sprintf "%s.%s.g%s%s" prefix count sha (if dirty then ".dirty." + time () else "")
    | _ -> sprintf "%s.0.%s" prefix (time ())

let libraries = [ "Core.Native/Core.Native.csproj"; "Augment.FSharp/Augment.FSharp.fsproj"; "Augment.CSharp/Augment.CSharp.csproj" ]

/// The optional OpenCL backend, a fourth package (it references Augment.FSharp, not Augment.CSharp, so it is built on
/// its own after the three).
let openClLibrary = "Augment.OpenCL/Augment.OpenCL.csproj"

/// Packs the three libraries and the OpenCL backend into artifacts/ (old packages there removed first) with the version from git; returns it.
let pack () =
    let version = packageVersion ()
    let artifacts = Path.Combine(root, "artifacts")
    Directory.CreateDirectory artifacts |> ignore
    for f in Directory.GetFiles(artifacts, "*.nupkg") do File.Delete f
    // One build of the three (Augment.CSharp references the other two), then each packed without building again.
    let top = List.last libraries
    restore top
    step "dotnet" [ "build"; top; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet"; "-p:Version=" + version ]
    restore openClLibrary
    step "dotnet" [ "build"; openClLibrary; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet"; "-p:Version=" + version ]
    for p in libraries @ [ openClLibrary ] do
        step "dotnet" [ "pack"; p; "-c"; "Release"; "--no-build"; "--no-restore"; "-nologo"; "-v"; "quiet"; "-o"; artifacts; "-p:Version=" + version ]
    printfn "packages %s: %s" version artifacts
    version

/// Packs the libraries, then, in a fresh temporary folder outside the repository, restores, builds and runs a new C#
/// console app that references the Augment.CSharp package (consumer/Program.cs) and an F# script that references
/// the Augment package (consumer/check.fsx.template): each reads samples/astronaut.png, runs a pipeline, replays its
/// trace, writes a PNG and checks the replay equals the run. The nuget.config written there adds artifacts/ as a
/// source and keeps the machine's own sources (no <clear/>), so everything else comes from the default feed.
let consumer () =
    let clock = Diagnostics.Stopwatch.StartNew()
    let version = pack ()
    let packed = clock.Elapsed.TotalSeconds
    let artifacts = Path.Combine(root, "artifacts")
    let dir = Path.Combine(Path.GetTempPath(), sprintf "augment-consumer-%s" (Guid.NewGuid().ToString("N").Substring(0, 8)))
    let outDir = Path.Combine(root, "out", "consumer")
    Directory.CreateDirectory dir |> ignore
    Directory.CreateDirectory outDir |> ignore
    let write (name: string) (text: string) = File.WriteAllText(Path.Combine(dir, name), text)
    // Stop MSBuild's search for Directory.Build.props and Directory.Packages.props above the temporary folder.
    write "Directory.Build.props" "<Project />\n"
    write "Directory.Packages.props" "<Project />\n"
    write "nuget.config" (sprintf "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"augment-local\" value=\"%s\" />\n  </packageSources>\n</configuration>\n" artifacts)
    write "Consumer.csproj" (String.concat "\n" [
        "<Project Sdk=\"Microsoft.NET.Sdk\">"
        "  <PropertyGroup>"
        "    <OutputType>Exe</OutputType>"
        "    <TargetFramework>net10.0</TargetFramework>"
        "    <ImplicitUsings>enable</ImplicitUsings>"
        "    <Nullable>enable</Nullable>"
        "    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>"
        "  </PropertyGroup>"
        "  <ItemGroup>"
        sprintf "    <PackageReference Include=\"Augment.CSharp\" Version=\"[%s]\" />" version
        "  </ItemGroup>"
        "</Project>"
        "" ])
    File.Copy(Path.Combine(root, "consumer", "Program.cs"), Path.Combine(dir, "Program.cs"))
    let samples = Path.Combine(root, "samples")
    let inDir (exe: string) (args: string list) =
        let psi = ProcessStartInfo(exe, (args: string list), WorkingDirectory = dir, UseShellExecute = false)
        use p = Process.Start psi
        p.WaitForExit()
        if p.ExitCode <> 0 then
            eprintfn "build.fsx consumer: %s %s exited with %d (in %s)" exe (String.concat " " args) p.ExitCode dir
            exit p.ExitCode
    let t0 = clock.Elapsed.TotalSeconds
    inDir "dotnet" [ "run"; "--project"; "Consumer.csproj"; "-c"; "Release"; "-v"; "quiet"; "--"; samples; outDir ]
    let csharp = clock.Elapsed.TotalSeconds - t0
    let script =
        File.ReadAllText(Path.Combine(root, "consumer", "check.fsx.template"))
            .Replace("@ARTIFACTS@", artifacts).Replace("@VERSION@", version)
    write "check.fsx" script
    let t1 = clock.Elapsed.TotalSeconds
    inDir "dotnet" [ "fsi"; "--quiet"; "check.fsx"; samples; outDir ]
    let fsharp = clock.Elapsed.TotalSeconds - t1
    (try Directory.Delete(dir, true) with _ -> ())
    // The README's "Using the packages" snippets, as pasted: the clone is `augment/`, the user works in `try/` beside
    // it, the F# script is try/try.fsx and the C# app try/TryAugment/Program.cs.
    let t2 = clock.Elapsed.TotalSeconds
    let readme = File.ReadAllText(Path.Combine(root, "README.md")).Replace("\r\n", "\n")
    let block (lang: string) (start: string) =
        let blocks = Text.RegularExpressions.Regex.Matches(readme, "```" + lang + "\n(.*?)\n```", Text.RegularExpressions.RegexOptions.Singleline)
        match blocks |> Seq.map (fun m -> m.Groups.[1].Value) |> Seq.tryFind (fun b -> b.StartsWith start) with
        | Some b -> b + "\n"
        | None -> eprintfn "build.fsx consumer: README.md has no %s block starting with %s" lang start; exit 1
    let fsScript = block "fsharp" "#r \"nuget: Augment, "
    let csProgram = block "csharp" "using Augment.CSharp;\nusing Augment.Native;\n\nvar pipeline"
    let home = Path.Combine(Path.GetTempPath(), sprintf "augment-readme-%s" (Guid.NewGuid().ToString("N").Substring(0, 8)))
    let tryDir = Path.Combine(home, "try")
    let appDir = Path.Combine(tryDir, "TryAugment")
    Directory.CreateDirectory appDir |> ignore
    // The snippets read augment/samples/astronaut.png: a copy of the photo stands in for the clone.
    Directory.CreateDirectory(Path.Combine(home, "augment", "samples")) |> ignore
    File.Copy(Path.Combine(root, "samples", "astronaut.png"), Path.Combine(home, "augment", "samples", "astronaut.png"))
    let writeIn (d: string) (name: string) (text: string) = File.WriteAllText(Path.Combine(d, name), text)
    writeIn home "Directory.Build.props" "<Project />\n"
    writeIn home "Directory.Packages.props" "<Project />\n"
    // What the README's printf writes.
    writeIn tryDir "nuget.config" (sprintf "<configuration><packageSources><add key=\"augment\" value=\"%s\" /></packageSources></configuration>\n" artifacts)
    writeIn tryDir "try.fsx" fsScript
    // What `dotnet new console` and `dotnet add package Augment.CSharp --prerelease` leave, with the README's Program.cs.
    writeIn appDir "TryAugment.csproj" (String.concat "\n" [
        "<Project Sdk=\"Microsoft.NET.Sdk\">"
        "  <PropertyGroup>"
        "    <OutputType>Exe</OutputType>"
        "    <TargetFramework>net10.0</TargetFramework>"
        "    <ImplicitUsings>enable</ImplicitUsings>"
        "    <Nullable>enable</Nullable>"
        "  </PropertyGroup>"
        "  <ItemGroup>"
        sprintf "    <PackageReference Include=\"Augment.CSharp\" Version=\"%s\" />" version
        "  </ItemGroup>"
        "</Project>"
        "" ])
    writeIn appDir "Program.cs" csProgram
    let runIn (d: string) (exe: string) (args: string list) =
        let psi = ProcessStartInfo(exe, (args: string list), WorkingDirectory = d, UseShellExecute = false)
        use p = Process.Start psi
        p.WaitForExit()
        if p.ExitCode <> 0 then
            eprintfn "build.fsx consumer: the README's snippet failed: %s %s exited with %d (in %s)" exe (String.concat " " args) p.ExitCode d
            exit p.ExitCode
    runIn tryDir "dotnet" [ "fsi"; "--quiet"; "try.fsx" ]
    runIn appDir "dotnet" [ "run"; "-c"; "Release"; "-v"; "quiet" ]
    for f in [ Path.Combine(tryDir, "augmented.png"); Path.Combine(appDir, "augmented.png"); Path.Combine(appDir, "augmented.txt") ] do
        if not (File.Exists f) then
            eprintfn "build.fsx consumer: the README's snippet did not write %s" f
            exit 1
    (try Directory.Delete(home, true) with _ -> ())
    let readmeTime = clock.Elapsed.TotalSeconds - t2
    printfn "consumer test passed with %s: pack %.0f s, C# app %.0f s, F# script %.0f s, README snippets %.0f s, %.0f s in all"
        version packed csharp fsharp readmeTime clock.Elapsed.TotalSeconds

/// Packs the libraries, runs docs/tour.fsx with `dotnet fsi` (it loads the Augment package from artifacts/) into
/// out/tour, and checks what it wrote: every check in tour.json true, the pictures and files present; and that
/// docs/tour.ipynb is a notebook holding the same seven sections.
let tour () =
    pack () |> ignore
    let out = Path.Combine(root, "out", "tour")
    if Directory.Exists out then Directory.Delete(out, true)
    step "dotnet" [ "fsi"; "--quiet"; Path.Combine(root, "docs", "tour.fsx"); out ]
    let fail (why: string) =
        eprintfn "build.fsx tour: %s" why
        exit 1
    for f in [ "augmented.png"; "gallery.png"; "gallery-custom.png"; "gallery-mixup.png"; "trace.json"; "pipeline.json"; "tour.json" ] do
        let p = Path.Combine(out, f)
        if not (File.Exists p) || FileInfo(p).Length = 0L then fail (sprintf "the tour did not write %s" p)
    let report = Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(out, "tour.json"))).AsObject()
    if report.Count < 8 then fail (sprintf "tour.json holds %d checks; expected 8" report.Count)
    for kv in report do
        if not (kv.Value.GetValue<bool>()) then fail (sprintf "the tour's check failed: %s" kv.Key)
    let nb = Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(root, "docs", "tour.ipynb")))
    let cells = nb["cells"].AsArray() |> Seq.map (fun c -> c["cell_type"].GetValue<string>(), String.Join("", c["source"].AsArray() |> Seq.map (fun l -> l.GetValue<string>()))) |> List.ofSeq
    let script = File.ReadAllText(Path.Combine(root, "docs", "tour.fsx"))
    for n in 1 .. 7 do
        let heading = script.Split('\n') |> Array.find (fun l -> l.StartsWith(sprintf "// %d. " n))
        if not (cells |> List.exists (fun (t, src) -> t = "markdown" && src = "## " + heading.Substring 3)) then
            fail (sprintf "docs/tour.ipynb lacks section %d of docs/tour.fsx (%s): regenerate it from the script" n heading)
    printfn "tour: %d checks passed, outputs in %s" report.Count out

let tests = "Properties.Tests/Properties.Tests.fsproj"
let cli = "Augment.Cli/Augment.Cli.fsproj"
let bin project name = Path.Combine(root, Path.GetDirectoryName(project: string), "bin", "Release", "net10.0", "linux-x64", name)

let usage () =
    eprintfn "usage: dotnet fsi build.fsx <build|test|surface|golden|catalogue|bench [--quick]|demo|pack|consumer|training [--full]|tour> [arguments passed on]"
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
    // writes bench/results/latest.csv and latest.md (with --only Op1,Op2: those ops alone, printed, nothing written).
    // Tiered compilation moves a method to optimised code only after 100 ms without new compilations, which a run that
    // meets a new op every half second may never give it: the quick mode asks for no delay, so each op is timed in the
    // optimised code a long-running process would reach (the kernels themselves are AggressiveOptimization anyway).
    if List.contains "--quick" rest then
        Environment.SetEnvironmentVariable("DOTNET_TC_CallCountingDelayMs", "0")
        exit (run "dotnet" ([ bin "bench/Bench.csproj" "Bench.dll" ] @ rest))
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
| "training" :: rest ->
    // The training check (examples/Training): the smoke run (about a minute) unless --full, which rewrites
    // examples/Training/RESULTS.md with the figures, seeds and wall time.
    let project = "examples/Training/Training.csproj"
    restore project
    step "dotnet" [ "build"; project; "-c"; "Release"; "--no-restore"; "-nologo"; "-v"; "quiet" ]
    let dll = Path.Combine(root, "examples", "Training", "bin", "Release", "net10.0", "Training.dll")
    exit (run "dotnet" (dll :: (if List.contains "--full" rest then [] else [ "--smoke" ])))
| "pack" :: _ -> pack () |> ignore
| "consumer" :: _ -> consumer ()
| "tour" :: _ -> tour ()
| _ -> usage ()
