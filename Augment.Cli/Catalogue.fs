/// The op catalogue as users see it: `augment ops [--json]` lists it from the code, `augment catalogue` writes
/// docs/catalogue.md with a picture of every op, and the demo draws one gallery sheet per family.
module Augment.Cli.Catalogue

open System
open System.IO
open System.Reflection
open System.Text
open System.Text.Json.Nodes
open Microsoft.FSharp.Reflection
open Augment
open Augment.Native

/// The families the catalogue is shown in.
let families = [ "geometric"; "colour"; "blur and noise"; "occlusion"; "batch" ]

let private c = Sampler.constant
let private u lo hi = Sampler.uniform lo hi

/// One shown instance of every op: its family, its catalogue name and a configured pipeline of that op alone,
/// with parameters chosen so that the effect is visible. `check` fails when an op of the catalogue is missing.
let showcase : (string * string * Aug) list =
    [ "geometric", "FlipHorizontal", Ops.flipHorizontal
      "geometric", "FlipVertical", Ops.flipVertical
      "geometric", "Rot90", Ops.rot90 1
      "geometric", "RandomRot90", Ops.randomRot90
      "geometric", "RandomCrop", Ops.randomCrop 300 260
      "geometric", "CentralCrop", Ops.centralCrop 0.6
      "geometric", "Resize", Ops.resize 384 256 Interpolation.Bilinear
      "geometric", "Rotate", Ops.rotate (c 25.0) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "Affine", Ops.affine (c 15.0) (c 0.8) (c 12.0) (c 0.0) (c 0.1) (c 0.05) Interpolation.Bilinear BorderMode.Reflect101 0.0
      "geometric", "RandomResizedCrop", Ops.randomResizedCrop 320 320 0.3 0.6 0.75 1.333 Interpolation.Bilinear
      "geometric", "Transpose", Ops.transpose
      "geometric", "D4", Ops.d4
      "geometric", "Perspective", Ops.perspective (c 0.08) false Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "ShiftScaleRotate", Ops.shiftScaleRotate (c 0.08) (c -0.15) (c 20.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
      "geometric", "RandomRotation", Ops.randomRotation (c -0.06) Interpolation.Bilinear BorderMode.Replicate 0.0
      "geometric", "RandomZoom", Ops.randomZoom (c -0.3) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "RandomTranslation", Ops.randomTranslation (c 0.15) (c -0.1) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "RandomShear", Ops.randomShear (c 20.0) (c 0.0) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "RandomFlip", Ops.randomFlip true true
      "geometric", "LongestMaxSize", Ops.longestMaxSize 200 Interpolation.Area
      "geometric", "SmallestMaxSize", Ops.smallestMaxSize 200 Interpolation.Area
      "geometric", "Crop", Ops.crop 60 40 340 360
      "geometric", "Pad", Ops.pad 40 40 60 60 BorderMode.Reflect101 0.0
      "geometric", "PadIfNeeded", Ops.padIfNeeded 480 440 BorderMode.Constant 0.0
      "geometric", "ResizeWithCropOrPad", Ops.resizeWithCropOrPad 300 440
      "geometric", "RandomSizedBBoxSafeCrop", Ops.randomSizedBBoxSafeCrop 320 320 Interpolation.Bilinear
      "geometric", "CropNonEmptyMaskIfExists", Ops.cropNonEmptyMaskIfExists 200 200
      "geometric", "ElasticTransform", Ops.elasticTransform 120.0 8.0 Interpolation.Bilinear BorderMode.Reflect101 0.0
      "geometric", "GridDistortion", Ops.gridDistortion 5 (u -0.3 0.3) Interpolation.Bilinear BorderMode.Reflect101 0.0
      "geometric", "OpticalDistortion", Ops.opticalDistortion (c 0.5) (c 10.0) Interpolation.Bilinear BorderMode.Reflect101 0.0
      "geometric", "ShearX", Ops.shearX (c 0.3) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "ShearY", Ops.shearY (c -0.3) Interpolation.Bilinear BorderMode.Constant 0.0
      "geometric", "Shift", Ops.shift 60 -30 BorderMode.Constant 0.0
      "colour", "Brightness", Ops.brightness (c 0.25)
      "colour", "Contrast", Ops.contrast (c 1.8)
      "colour", "Grayscale", Ops.grayscale
      "colour", "Invert", Ops.invert
      "colour", "Solarize", Ops.solarize (c 0.5)
      "colour", "Posterize", Ops.posterize 3
      "colour", "Gamma", Ops.gamma (c 2.2) 1.0
      "colour", "Equalize", Ops.equalize
      "colour", "Saturation", Ops.saturation (c 2.0)
      "colour", "Hue", Ops.hue (c 0.3)
      "colour", "RGBShift", Ops.rgbShift (c 40.0) (c -20.0) (c -40.0)
      "colour", "ChannelShuffle", Ops.channelShuffle
      "colour", "ChannelDropout", Ops.channelDropout 1 1 0.0
      "colour", "ToGray", Ops.toGray GrayMethod.Desaturation
      "colour", "ToSepia", Ops.toSepia
      "colour", "AutoContrast", Ops.autoContrast
      "colour", "Sharpness", Ops.sharpness (c 4.0)
      "colour", "FancyPCA", Ops.fancyPca 0.5
      "colour", "RandomBrightnessContrast", Ops.randomBrightnessContrast (c 0.15) (c 0.3)
      "colour", "ToFloat32", Ops.toFloat32 0.0 1.0
      "colour", "ToByte", Aug.sequence [ Ops.toFloat32 0.0 1.0; Ops.toByte ]
      "colour", "Normalize", Ops.normalize [| 0.485; 0.456; 0.406 |] [| 0.229; 0.224; 0.225 |]
      "colour", "Rescaling", Ops.rescaling (1.0 / 127.5) -1.0
      "colour", "CLAHE", Ops.clahe (c 4.0) 8 8
      "colour", "ColorJitter", Ops.colorJitter 0.3 0.3 0.5 0.1
      "colour", "HueSaturationValue", Ops.hueSaturationValue (c 30.0) (c 40.0) (c 0.0)
      "colour", "PlanckianJitter", Ops.planckianJitter PlanckianMode.Blackbody
      "colour", "EnhanceBrightness", Ops.enhanceBrightness (c 1.6)
      "colour", "EnhanceContrast", Ops.enhanceContrast (c 0.4)
      "colour", "EnhanceColor", Ops.enhanceColor (c 0.2)
      "colour", "SolarizeAdd", Ops.solarizeAdd (c 0.2) (c 0.6)
      "blur and noise", "GaussianBlur", Ops.gaussianBlur (c 3.0)
      "blur and noise", "BoxBlur", Ops.boxBlur 9
      "blur and noise", "MedianBlur", Ops.medianBlur 7
      "blur and noise", "GaussianNoise", Ops.gaussianNoise (c 0.08)
      "blur and noise", "ImageCompression", Ops.imageCompression CompressionType.Jpeg 5 10
      "blur and noise", "GlassBlur", Ops.glassBlur 0.7 4 2
      "blur and noise", "ISONoise", Ops.isoNoise (c 0.05) (c 0.5)
      "blur and noise", "MotionBlur", Ops.motionBlur 15 15 (c 30.0) (c 0.0)
      "blur and noise", "Defocus", Ops.defocus 6 6 (c 0.2)
      "blur and noise", "MultiplicativeNoise", Ops.multiplicativeNoise 0.7 1.3 true true
      "blur and noise", "SaltAndPepper", Ops.saltAndPepper (c 0.05) (c 0.5)
      "blur and noise", "Downscale", Ops.downscale (c 0.2) Interpolation.Nearest Interpolation.Bilinear
      "occlusion", "CoarseDropout", Ops.coarseDropout 6 6 (c 0.12) (c 0.12) 0.0 0
      "occlusion", "RandomErasing", Ops.randomErasing 0.1 0.2 0.3 3.3 0.0
      "occlusion", "GridDropout", Ops.gridDropout 0.4 40 60 true 0 0 0.0 0
      "occlusion", "XYMasking", Ops.xyMasking 2 10 30 2 10 30 0.0 0
      "occlusion", "GridMask", Ops.gridMask (c 0.4) 0.1 0.0
      "batch", "Mosaic", Ops.mosaic
      "batch", "LabelSmoothing", Ops.labelSmoothing 0.1
      "batch", "MixUp", Ops.mixUp 0.4
      "batch", "CutMix", Ops.cutMix 1.0 ]

/// The catalogue names that have no shown instance, and shown names the catalogue does not have.
let check () =
    let shown = showcase |> List.map (fun (_, n, _) -> n) |> set
    let listed = Ops.catalogue |> List.map (fun i -> i.Name) |> set
    Set.difference listed shown, Set.difference shown listed

/// <summary>An argument every constructor of the catalogue accepts for a parameter of this type and name, used to
/// build each constructor once and ask which op it makes (the C# surface test uses it too).</summary>
let sampleArgument (p: ParameterInfo) : obj =
    let t = p.ParameterType
    if t = typeof<Sampler> then box (Sampler.constant 0.5)
    elif t = typeof<BoxFilter> then box BoxFilter.Default
    elif t = typeof<float> then box (if p.Name = "max" then 1.0 else 0.5) // max: above every min of 0.5 (ToFloat32)
    elif t = typeof<float[]> then box [| 0.5 |]
    elif t = typeof<float32> then box 0.5f
    elif t = typeof<int> && (p.Name = "xMax" || p.Name = "yMax") then box 6 // a crop's far edge, past xMin = yMin = 3
    elif t = typeof<int> then box 3 // odd and >= 3: a valid window (median), bit count, size and quarter-turn count
    elif t = typeof<int64> then box 1L
    elif t = typeof<bool> then box true
    elif t = typeof<Interpolation> then box Interpolation.Bilinear
    elif t.IsEnum then Enum.GetValues(t).GetValue(0)
    else failwithf "no sample argument for %s : %s" p.Name t.FullName

/// The public members of Ops that build an op: name, parameters, and the catalogue name of the op each builds
/// (found by building it once with sample arguments, so RandomCropWith counts as RandomCrop and
/// ResizeWithCropOrPad does not count as Resize).
let constructors () =
    let t = typeof<Aug>.Assembly.GetType("Augment.Ops")
    let opName (a: Aug) = match Aug.tryOp a with Some o -> o.Name | None -> ""
    let members =
        [ for m in t.GetMethods(BindingFlags.Public ||| BindingFlags.Static) do
            if m.ReturnType = typeof<Aug> && not m.IsSpecialName then
                let built = m.Invoke(null, m.GetParameters() |> Array.map sampleArgument) :?> Aug
                yield m.Name, m.GetParameters() |> Array.map (fun p -> p.Name, p.ParameterType.Name), opName built
          for p in t.GetProperties(BindingFlags.Public ||| BindingFlags.Static) do
            if p.PropertyType = typeof<Aug> then yield p.Name, [||], opName (p.GetValue null :?> Aug) ]
    members |> List.sortBy (fun (n, _, _) -> n)

/// The text of an XML doc element, with <paramref name="x"/> as x and the other tags dropped.
let private docText (e: System.Xml.Linq.XElement) =
    let inner = String.Join("", e.Nodes() |> Seq.map string)
    let named = Text.RegularExpressions.Regex.Replace(inner, "<(?:paramref|typeparamref) name=\"([^\"]+)\"\\s*/>", "$1")
    let text = System.Net.WebUtility.HtmlDecode(Text.RegularExpressions.Regex.Replace(named, "<[^>]+>", ""))
    String.Join(" ", text.Split([| ' '; '\n'; '\r' |], StringSplitOptions.RemoveEmptyEntries))

/// Each Ops member's XML doc: its summary, and what it refuses (its exception docs state the arguments' domains).
let private docs =
    lazy (
        let path = Path.ChangeExtension(typeof<Aug>.Assembly.Location, ".xml")
        if not (File.Exists path) then Map.empty
        else
            let xml = System.Xml.Linq.XDocument.Load path
            let x (n: string) = System.Xml.Linq.XName.Get n
            [ for m in xml.Descendants(x "member") do
                let id = m.Attribute(x "name").Value
                let name =
                    if id.StartsWith "M:Augment.Ops." then Some(id.Substring(14).Split('(').[0])
                    elif id.StartsWith "P:Augment.Ops." then Some(id.Substring(14))
                    else None
                match name with
                | Some n ->
                    let summary = match m.Element(x "summary") with null -> docText m | e -> docText e
                    let refuses = m.Elements(x "exception") |> Seq.map docText |> String.concat " "
                    yield n, (summary, refuses)
                | None -> () ]
            |> Map.ofList)

let private fieldsOf (t: Type) =
    if FSharpType.IsRecord t then FSharpType.GetRecordFields t |> Array.map (fun f -> f.Name, f.PropertyType.Name)
    else [||]

/// The catalogue as JSON: name, family, kind, summary (which names the peer it matches), the recorded parameters
/// with their types, and the constructors (F# and C# use the same names) with their arguments.
let toJson () =
    let familyOf = showcase |> List.map (fun (f, n, _) -> n, f) |> Map.ofList
    let ctors = constructors ()
    let arr = JsonArray()
    for info in Ops.catalogue do
        let o = JsonObject()
        o["name"] <- JsonValue.Create info.Name
        o["family"] <- JsonValue.Create(familyOf |> Map.tryFind info.Name |> Option.defaultValue "")
        o["kind"] <- JsonValue.Create(string info.Kind)
        o["summary"] <- JsonValue.Create info.Summary
        let ps = JsonArray()
        for n, ty in fieldsOf info.ParameterType do
            let p = JsonObject()
            p["name"] <- JsonValue.Create n
            p["type"] <- JsonValue.Create ty
            ps.Add p
        o["parameters"] <- ps
        let mine = ctors |> List.filter (fun (_, _, op) -> op = info.Name)
        let cs = JsonArray()
        for m, args, _ in mine do
            let co = JsonObject()
            co["name"] <- JsonValue.Create m
            let a = JsonArray()
            for n, ty in args do
                let ao = JsonObject()
                ao["name"] <- JsonValue.Create n
                ao["type"] <- JsonValue.Create ty
                a.Add ao
            co["arguments"] <- a
            // Every argument is explicit (no defaults); the doc states what each accepts.
            let summary, refuses = docs.Force() |> Map.tryFind m |> Option.defaultValue ("", "")
            co["doc"] <- JsonValue.Create summary
            co["refuses"] <- JsonValue.Create refuses
            cs.Add co
        o["constructors"] <- cs
        o["targets"] <-
            (match info.Kind with
             | OpKind.Geometric -> JsonArray(JsonValue.Create "image", JsonValue.Create "mask", JsonValue.Create "boxes", JsonValue.Create "keypoints")
             | OpKind.MultiSample -> JsonArray(JsonValue.Create "image", JsonValue.Create "label", JsonValue.Create "mask", JsonValue.Create "boxes", JsonValue.Create "keypoints")
             | _ -> JsonArray(JsonValue.Create "image"))
        arr.Add o
    arr

/// A sample of a photo with its boxes, a class mask drawn from them and the box centres as keypoints.
let annotated (photo: Image) (boxes: Box[]) =
    let w, h = photo.Width, photo.Height
    let mask = Array.zeroCreate (w * h)
    for b in boxes do
        for y in max 0 (int b.YMin) .. min (h - 1) (int (ceil b.YMax) - 1) do
            for x in max 0 (int b.XMin) .. min (w - 1) (int (ceil b.XMax) - 1) do
                mask.[y * w + x] <- byte (b.Class % 250 + 1)
    { Sample.ofImage photo with
        Boxes = boxes
        Mask = Some(Image.FromBytes(w, h, 1, ReadOnlySpan mask))
        Keypoints = boxes |> Array.map (fun b -> { X = (b.XMin + b.XMax) / 2.0; Y = (b.YMin + b.YMax) / 2.0; Visible = true })
        Label = [| 1.0; 0.0; 0.0; 0.0 |] }

/// Runs a shown op on a photo (batch ops with the other photos as partners).
let private show (op: Aug) (family: string) (seed: Seed) (samples: Sample[]) =
    if family = "batch" then fst (Aug.runBatch RunOptions.Default 1 op seed samples).[0]
    else Aug.apply op seed samples.[0]

/// Writes docs/catalogue.md and a picture per op into docs/catalogue/, and a sheet per family into docs/galleries/.
let write (docs: string) (samples: Sample[]) =
    let pictures = Path.Combine(docs, "catalogue")
    let sheets = Path.Combine(docs, "galleries")
    Directory.CreateDirectory pictures |> ignore
    Directory.CreateDirectory sheets |> ignore
    let seed = Seed.ofInt 7
    let md = StringBuilder()
    let line (s: string) = md.Append(s).Append('\n') |> ignore
    line "# Op catalogue"
    line ""
    line "Generated from the code by `dotnet fsi build.fsx catalogue` (`augment catalogue`); `augment ops --json` lists the"
    line "same entries as JSON. Each picture is the op on the astronaut photo (boxes, mask and keypoints drawn), with the"
    line "parameters shown in its row; batch ops mix it with the other bundled photos."
    line ""
    let json = toJson ()
    let byName = json |> Seq.map (fun n -> n["name"].GetValue<string>(), n) |> Map.ofSeq
    for family in families do
        let ops = showcase |> List.filter (fun (f, _, _) -> f = family)
        if not ops.IsEmpty then
            line (sprintf "## %s%s" (string (Char.ToUpperInvariant family.[0])) (family.Substring 1))
            line ""
            line (sprintf "![%s](galleries/%s.jpg)" family (family.Replace(' ', '-')))
            line ""
            line "| op | what it does | constructors | parameters recorded in traces | shown with |"
            line "| --- | --- | --- | --- | --- |"
            let outs =
                [ for _, name, op in ops ->
                    let out = show op family seed samples
                    let img = Gallery.render 1 200 [ out ]
                    ImageIO.writeAtomic (Path.Combine(pictures, name + ".jpg")) (ImageIO.encode "jpg" 80 img)
                    let entry = byName.[name]
                    let ctors =
                        entry["constructors"].AsArray()
                        |> Seq.map (fun co ->
                            let args = co["arguments"].AsArray() |> Seq.map (fun a -> a["name"].GetValue<string>()) |> String.concat ", "
                            sprintf "`%s(%s)`" (co["name"].GetValue<string>()) args)
                        |> String.concat "<br>"
                    let ps =
                        entry["parameters"].AsArray()
                        |> Seq.map (fun p -> sprintf "%s: %s" (p["name"].GetValue<string>()) (p["type"].GetValue<string>()))
                        |> String.concat ", "
                    let trace = snd (if family = "batch" then (Aug.runBatch RunOptions.Default 1 op seed samples).[0] else Aug.run op seed samples.[0])
                    let shown = (Json.traceToNode trace)["params"]
                    let shownText = if isNull shown then "" else shown.ToJsonString().Replace("|", "\\|")
                    line (sprintf "| **%s**<br>![%s](catalogue/%s.jpg) | %s | %s | %s | `%s` |" name name name
                              (entry["summary"].GetValue<string>().Replace("|", "\\|")) ctors ps shownText)
                    out ]
            line ""
            Gallery.write (Path.Combine(sheets, family.Replace(' ', '-') + ".png")) 4 240 outs
            let sheet = ImageIO.read (Path.Combine(sheets, family.Replace(' ', '-') + ".png"))
            ImageIO.writeAtomic (Path.Combine(sheets, family.Replace(' ', '-') + ".jpg")) (ImageIO.encode "jpg" 80 sheet)
            File.Delete(Path.Combine(sheets, family.Replace(' ', '-') + ".png"))
    ImageIO.writeAtomic (Path.Combine(docs, "catalogue.md")) (Encoding.UTF8.GetBytes(md.ToString()))
    md.ToString()

/// One sheet per family of the shown ops, into a folder (the demo's output).
let writeFamilySheets (out: string) (samples: Sample[]) =
    let seed = Seed.ofInt 7
    [ for family in families do
        let ops = showcase |> List.filter (fun (f, _, _) -> f = family)
        if not ops.IsEmpty then
            let path = Path.Combine(out, sprintf "family-%s.png" (family.Replace(' ', '-')))
            Gallery.write path 4 240 [ for _, _, op in ops -> show op family seed samples ]
            yield path ]
