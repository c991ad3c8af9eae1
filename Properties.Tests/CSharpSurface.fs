/// The C# op surface, generated from the F# catalogue: every public member of module <c>Augment.Ops</c> that
/// returns an <c>Aug</c> becomes one static method of <c>Augment.CSharp.Augmentations</c> with the member's
/// CompiledName, its parameter names and its XML documentation. The tests compare the generator's output with
/// the checked-in file, and check that both surfaces expose the same ops.
module CSharpSurface

open System
open System.IO
open System.Reflection
open System.Text
open System.Xml.Linq
open Expecto
open Augment
open Augment.Native

/// The checked-in file, relative to the repository root.
let relativePath = "Augment.CSharp/Augmentations.g.cs"

/// The command that writes the file.
let command = "dotnet fsi build.fsx surface"

let repoRoot = Path.GetDirectoryName IO.samplesDir
let path = Path.Combine(repoRoot, relativePath)

let private opsType = typeof<Aug>.Assembly.GetType("Augment.Ops", true)

/// An Ops member that builds an op: a function (a static method) or a value (a static property, exposed to
/// C# as a method without parameters, as the hand-written surface always did).
type OpMember =
    { Name: string
      Parameters: ParameterInfo[]
      /// The key of the member in the F# XML documentation file.
      DocKey: string
      Invoke: obj[] -> Aug }

/// Every public member of <c>Augment.Ops</c> that returns an <c>Aug</c>, sorted by name (ordinal).
let opMembers () =
    let flags = BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly
    let methods =
        opsType.GetMethods flags
        |> Array.filter (fun m -> not m.IsSpecialName && m.ReturnType = typeof<Aug>)
        |> Array.map (fun m ->
            let ps = m.GetParameters()
            { Name = m.Name
              Parameters = ps
              DocKey =
                if ps.Length = 0 then "M:Augment.Ops." + m.Name
                else sprintf "M:Augment.Ops.%s(%s)" m.Name (ps |> Array.map (fun p -> p.ParameterType.FullName) |> String.concat ",")
              Invoke = fun args -> m.Invoke(null, args) :?> Aug })
    let values =
        opsType.GetProperties flags
        |> Array.filter (fun p -> p.PropertyType = typeof<Aug>)
        |> Array.map (fun p ->
            { Name = p.Name; Parameters = [||]; DocKey = "P:Augment.Ops." + p.Name
              Invoke = fun _ -> p.GetValue null :?> Aug })
    Array.append methods values |> Array.sortWith (fun a b -> String.CompareOrdinal(a.Name, b.Name))

/// How an F# parameter type appears in C#: the C# type as written, the CLR type of that C# parameter, how the
/// F# argument is made from the C# one, and whether the C# parameter is checked for null.
type CSharpParameter = { Written: string; ClrType: Type; Argument: string -> string; NullCheck: bool }

/// The one place that maps F# parameter types to the C# surface. A new op whose parameter type is not here
/// fails the generator (and so the tests) with a message naming it.
let mapParameter (opName: string) (p: ParameterInfo) =
    let t = p.ParameterType
    let plain written = { Written = written; ClrType = t; Argument = id; NullCheck = false }
    if t = typeof<Sampler> then
        { Written = "ParameterSampler"; ClrType = typeof<Augment.CSharp.ParameterSampler>; Argument = (fun n -> n + ".Inner"); NullCheck = true }
    elif t = typeof<BoxFilter> then
        // A C# record struct mirror (default = BoxFilter.Default), as BoundingBox mirrors Box.
        { Written = "BoxFilter"; ClrType = typeof<Augment.CSharp.BoxFilter>; Argument = (fun n -> n + ".ToFSharp()"); NullCheck = false }
    elif t = typeof<float> then plain "double"
    elif t = typeof<float[]> then { plain "double[]" with NullCheck = true }
    elif t = typeof<float32> then plain "float"
    elif t = typeof<int> then plain "int"
    elif t = typeof<int64> then plain "long"
    elif t = typeof<bool> then plain "bool"
    elif t.IsEnum && t.Assembly = typeof<Interpolation>.Assembly then plain t.FullName
    else
        failwithf "CSharpSurface.mapParameter: no C# mapping for parameter %s : %s of Ops.%s; add one, then run `%s`."
            p.Name t.FullName opName command

let private keywords =
    set [ "abstract"; "as"; "base"; "bool"; "break"; "byte"; "case"; "catch"; "char"; "checked"; "class"; "const"
          "continue"; "decimal"; "default"; "delegate"; "do"; "double"; "else"; "enum"; "event"; "explicit"; "extern"
          "false"; "finally"; "fixed"; "float"; "for"; "foreach"; "goto"; "if"; "implicit"; "in"; "int"; "interface"
          "internal"; "is"; "lock"; "long"; "namespace"; "new"; "null"; "object"; "operator"; "out"; "override"
          "params"; "private"; "protected"; "public"; "readonly"; "ref"; "return"; "sbyte"; "sealed"; "short"
          "sizeof"; "stackalloc"; "static"; "string"; "struct"; "switch"; "this"; "throw"; "true"; "try"; "typeof"
          "uint"; "ulong"; "unchecked"; "unsafe"; "ushort"; "using"; "virtual"; "void"; "volatile"; "while" ]

let private identifier (name: string) = if keywords.Contains name then "@" + name else name

/// The F# XML documentation of the Ops members, by key.
let private docs () =
    let xml = Path.ChangeExtension(typeof<Aug>.Assembly.Location, ".xml")
    if not (File.Exists xml) then failwithf "%s not found: build Augment.FSharp with GenerateDocumentationFile" xml
    XDocument.Load(xml).Descendants(XName.Get "member")
    |> Seq.map (fun m -> m.Attribute(XName.Get "name").Value, m)
    |> Map.ofSeq

/// The member's documentation as C# doc-comment lines: each element as F# wrote it, one trimmed line at a time.
let private docLines (docs: Map<string, XElement>) (m: OpMember) =
    match docs.TryFind m.DocKey with
    | None -> failwithf "Ops.%s has no XML documentation (%s): document it in Ops.fs" m.Name m.DocKey
    | Some e ->
        [ for child in e.Elements() do
            let text = child.ToString(SaveOptions.DisableFormatting).Replace("\r\n", "\n")
            for line in text.Split('\n') do
                let l = line.Trim()
                if l <> "" then "    /// " + l ]

/// The text of Augment.CSharp/Augmentations.g.cs: deterministic (members sorted by name, "\n" line endings).
let generate () =
    let docs = docs ()
    let sb = StringBuilder()
    let line (s: string) = sb.Append(s).Append('\n') |> ignore
    line "// Generated from the F# op catalogue (the public members of module Augment.Ops that return an Aug) by"
    line (sprintf "//     %s" command)
    line "// which runs: dotnet Properties.Tests/bin/Release/net10.0/linux-x64/Properties.Tests.dll --write-csharp-surface"
    line "// Do not edit: the test \"the C# surface is generated from the catalogue\" compares this file with the generator."
    line ""
    line "namespace Augment.CSharp;"
    line ""
    line "/// <summary>The op catalogue for C#: each member is an <see cref=\"Augmentation\"/> of one op of the F# module"
    line "/// <c>Augment.Ops</c>, with the same name and parameter names.</summary>"
    line "public static partial class Augmentations"
    line "{"
    let members = opMembers ()
    members |> Array.iteri (fun i m ->
        if i > 0 then line ""
        for l in docLines docs m do line l
        let ps = m.Parameters |> Array.map (fun p -> p, mapParameter m.Name p)
        let signature = ps |> Array.map (fun (p, c) -> sprintf "%s %s" c.Written (identifier p.Name)) |> String.concat ", "
        let call =
            if m.DocKey.StartsWith "P:" then sprintf "Augment.Ops.%s" m.Name
            else sprintf "Augment.Ops.%s(%s)" m.Name (ps |> Array.map (fun (p, c) -> c.Argument (identifier p.Name)) |> String.concat ", ")
        line (sprintf "    public static Augmentation %s(%s)" m.Name signature)
        line "    {"
        for p, c in ps do
            if c.NullCheck then
                line (sprintf "        if (%s is null) throw new ArgumentNullException(nameof(%s));" (identifier p.Name) (identifier p.Name))
        line (sprintf "        return Augmentation.Wrap(%s);" call)
        line "    }")
    line "}"
    sb.ToString()

/// Writes the file (for <c>--write-csharp-surface</c>).
let write () =
    let text = generate ()
    File.WriteAllText(path, text, UTF8Encoding(false))
    printfn "wrote %s (%d ops)" path (opMembers ()).Length

/// A sample argument of each parameter type, inside every op's domain, to build each member once.
let private sampleArgument (p: ParameterInfo) : obj = Augment.Cli.Catalogue.sampleArgument p

let private csharpType = typeof<Augment.CSharp.Augmentations>

let tests =
    testList "C# surface" [
        test "the C# surface is generated from the catalogue" {
            let expected = generate ()
            let actual = if File.Exists path then File.ReadAllText(path).Replace("\r\n", "\n") else "(missing)"
            if actual <> expected then
                let a, e = actual.Split('\n'), expected.Split('\n')
                let first = Seq.zip a e |> Seq.tryFindIndex (fun (x, y) -> x <> y) |> Option.defaultValue (min a.Length e.Length)
                failtestf "%s is not what the generator writes (first difference at line %d:\n  file:      %s\n  generator: %s).\nRegenerate it with `%s` and commit it."
                    relativePath (first + 1) (if first < a.Length then a.[first] else "(end)") (if first < e.Length then e.[first] else "(end)") command
        }

        test "every op of Augment.Ops has a C# method of the same name and parameters, and no other" {
            let members = opMembers ()
            Expect.isGreaterThan members.Length 0 "Ops has members"
            let csMethods =
                csharpType.GetMethods(BindingFlags.Public ||| BindingFlags.Static ||| BindingFlags.DeclaredOnly)
                |> Array.filter (fun m -> m.ReturnType = typeof<Augment.CSharp.Augmentation>)
            for m in members do
                match csMethods |> Array.filter (fun c -> c.Name = m.Name) with
                | [| c |] ->
                    let fsNames = m.Parameters |> Array.map (fun p -> p.Name)
                    let csNames = c.GetParameters() |> Array.map (fun p -> p.Name)
                    Expect.sequenceEqual csNames fsNames (sprintf "Augmentations.%s: parameter names" m.Name)
                    let fsTypes = m.Parameters |> Array.map (fun p -> (mapParameter m.Name p).ClrType)
                    let csTypes = c.GetParameters() |> Array.map (fun p -> p.ParameterType)
                    Expect.sequenceEqual csTypes fsTypes (sprintf "Augmentations.%s: parameter types" m.Name)
                | found -> failtestf "Ops.%s has %d C# methods Augmentations.%s; expected 1 (run `%s`)" m.Name found.Length m.Name command
            let fsNames = members |> Array.map (fun m -> m.Name) |> set
            let extra = csMethods |> Array.map (fun c -> c.Name) |> Array.filter (fun n -> not (fsNames.Contains n))
            Expect.isEmpty extra "C# methods of Augmentations with no Ops member"
        }

        // Catalogue names are op names as traces record them, not member names: RandomCropWith and RandomCrop
        // both build "RandomCrop", GrayscaleTo builds "Grayscale". Matching names by prefix would be fragile, so
        // each member is built once with in-domain sample arguments and asked which op it built (Aug.tryOp).
        test "every catalogue entry is built by some Ops member, and every member builds a catalogued op" {
            let built =
                [ for m in opMembers () ->
                    let aug =
                        try m.Invoke(m.Parameters |> Array.map sampleArgument)
                        with :? TargetInvocationException as e ->
                            failtestf "Ops.%s rejected the sample arguments (%s): extend sampleArgument" m.Name e.InnerException.Message
                    match Aug.tryOp aug with
                    | Some o -> m.Name, o.Name
                    | None -> failtestf "Ops.%s built a combinator, not a single op" m.Name ]
            let opNames = built |> List.map snd |> set
            let catalogue = Ops.catalogue |> List.map (fun i -> i.Name)
            Expect.equal catalogue.Length (List.distinct catalogue).Length "catalogue names are distinct"
            for name in catalogue do
                Expect.isTrue (opNames.Contains name) (sprintf "catalogue entry %s is built by no public Ops member" name)
            for memberName, opName in built do
                Expect.contains catalogue opName (sprintf "Ops.%s builds %s, which the catalogue does not list" memberName opName)
        }

        test "generated C# members run the same op as F#, and check for null by parameter name" {
            let img = Generators.makeImage ElementType.Byte 3 (24, 16) 5 ValueRange.Byte
            let cs =
                Augment.CSharp.Augmentations.Rotate(Augment.CSharp.Sampler.Uniform(-30.0, 30.0), Interpolation.Bilinear, BorderMode.Reflect101, 0.0)
                    .Then(Augment.CSharp.Augmentations.RandomCropWith(Augment.CSharp.BoxFilter(MinArea = 2.0), 16, 12))
                    .Then(Augment.CSharp.Augmentations.Posterize(3))
                    .Run(Augment.CSharp.Sample(img), 9L)
            let fsAug = Aug.sequence [ Ops.rotate (Sampler.uniform -30.0 30.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
                                       Ops.randomCropWith { MinArea = 2.0; MinVisibility = 0.0 } 16 12
                                       Ops.posterize 3 ]
            let fs, trace = Aug.run fsAug (Seed.ofInt64 9L) (Sample.ofImage img)
            Expect.isTrue (cs.Sample.Image.ContentEquals fs.Image) "same bits"
            Expect.equal (cs.Sample.Image.Width, cs.Sample.Image.Height) (16, 12) "cropped"
            Expect.equal (Json.traceToString cs.Trace.Inner) (Json.traceToString trace) "same trace"
            let e = Expect.throwsC (fun () -> Augment.CSharp.Augmentations.Gamma(null, 1.0) |> ignore) id
            Expect.isTrue (e :? ArgumentNullException) "ArgumentNullException"
            Expect.equal (e :?> ArgumentNullException).ParamName "gamma" "names the parameter"
        }
    
        test "C# RunBatch, ReplayBatch, Run with options and RunInto give what the F# core gives" {
            let imgs = [| for k in 0 .. 3 -> Generators.makeImage ElementType.Byte 3 (20, 14) (30 + k) ValueRange.Byte |]
            let fsSamples = imgs |> Array.mapi (fun k img -> Sample.ofImage img |> Sample.withLabel [| float (k % 2); float (1 - k % 2) |])
            let csSamples = imgs |> Array.mapi (fun k img -> Augment.CSharp.Sample(img).WithLabel(float (k % 2), float (1 - k % 2)))
            let csAug = Augment.CSharp.Augmentation.Sequence(Augment.CSharp.Augmentations.Brightness(Augment.CSharp.Sampler.Uniform(-0.2, 0.2)),
                                                             Augment.CSharp.Augmentations.MixUp(0.4))
            let fsAug = Aug.sequence [ Ops.brightness (Sampler.uniform -0.2 0.2); Ops.mixUp 0.4 ]
            let cs = csAug.RunBatch(csSamples, 5L, threads = 2)
            let fs = Aug.runBatch RunOptions.Default 1 fsAug (Seed.ofInt64 5L) fsSamples
            Expect.equal cs.Count fs.Length "one result per sample"
            for i in 0 .. fs.Length - 1 do
                Expect.isTrue (cs.[i].Sample.Image.ContentEquals (fst fs.[i]).Image) (sprintf "sample %d: same bits" i)
                Expect.sequenceEqual cs.[i].Sample.Label (fst fs.[i]).Label (sprintf "sample %d: same label" i)
                Expect.equal (Json.traceToString cs.[i].Trace.Inner) (Json.traceToString (snd fs.[i])) (sprintf "sample %d: same trace" i)
            let replayed = csAug.ReplayBatch([| for r in cs -> r.Trace |], csSamples)
            for i in 0 .. fs.Length - 1 do
                Expect.isTrue (replayed.[i].Image.ContentEquals cs.[i].Sample.Image) (sprintf "sample %d: replay" i)

            let single = Augment.CSharp.Augmentations.Rotate(Augment.CSharp.Sampler.Uniform(-20.0, 20.0), Interpolation.Bilinear, BorderMode.Constant, 0.0)
                             .Then(Augment.CSharp.Augmentations.Resize(10, 7, Interpolation.Bilinear))
            let noFuse = Augment.CSharp.RunOptions(Fuse = false)
            let csUnfused = single.Run(csSamples.[0], 8L, noFuse)
            let fsUnfused, _ =
                Aug.runWith { RunOptions.Default with Fuse = false } (Aug.sequence [ Ops.rotate (Sampler.uniform -20.0 20.0) Interpolation.Bilinear BorderMode.Constant 0.0
                                                                                     Ops.resize 10 7 Interpolation.Bilinear ]) (Seed.ofInt64 8L) fsSamples.[0]
            Expect.isTrue (csUnfused.Sample.Image.ContentEquals fsUnfused.Image) "Run with Fuse = false: same bits as F#"
            let csFused = single.Run(csSamples.[0], 8L)
            let dst = PixelBuffer.Allocate(10, 7, 3, ElementType.Byte, ValueRange.Byte)
            let trace = single.RunInto(csSamples.[0], 8L, dst)
            Expect.isTrue (dst.ToImage().ContentEquals csFused.Sample.Image) "RunInto writes what Run returns"
            Expect.equal trace csFused.Trace "RunInto returns the trace"
        }

        test "C# run entries check for null by parameter name" {
            let aug = Augment.CSharp.Augmentations.FlipHorizontal()
            let sample = Augment.CSharp.Sample(Generators.makeImage ElementType.Byte 3 (4, 4) 1 ValueRange.Byte)
            let paramName (f: unit -> obj) =
                let e = Expect.throwsC (f >> ignore) id
                Expect.isTrue (e :? ArgumentNullException) (sprintf "ArgumentNullException, not %s" (e.GetType().Name))
                (e :?> ArgumentNullException).ParamName
            Expect.equal (paramName (fun () -> box (aug.RunBatch(null, 1L)))) "samples" "RunBatch samples"
            Expect.equal (paramName (fun () -> box (aug.RunBatch([| sample; null |], 1L)))) "samples" "RunBatch null element"
            Expect.equal (paramName (fun () -> box (aug.RunBatch([| sample |], 1L, (null: Augment.CSharp.RunOptions))))) "options" "RunBatch options"
            Expect.equal (paramName (fun () -> box (aug.ReplayBatch(null, [| sample |])))) "traces" "ReplayBatch traces"
            Expect.equal (paramName (fun () -> box (aug.ReplayBatch([| aug.Run(sample, 1L).Trace |], null)))) "samples" "ReplayBatch samples"
            Expect.equal (paramName (fun () -> box (aug.Run(sample, 1L, (null: Augment.CSharp.RunOptions))))) "options" "Run options"
            Expect.equal (paramName (fun () -> box (aug.Run(null, 1L, Augment.CSharp.RunOptions.Default)))) "sample" "Run sample"
            Expect.equal (paramName (fun () -> box (aug.RunInto(sample, 1L, null)))) "destination" "RunInto destination"
            Expect.equal (paramName (fun () -> box (aug.RunInto(null, 1L, PixelBuffer.Allocate(4, 4, 3, ElementType.Byte, ValueRange.Byte))))) "sample" "RunInto sample"
        }
    ]
