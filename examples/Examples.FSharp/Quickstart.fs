/// The README's F# example; the tests run it and check that the README shows exactly this code.
module Examples.Quickstart

// region readme
open Augment

let pipeline =
    Aug.sequence [
        Aug.maybe 0.5 Ops.flipHorizontal
        Ops.randomCrop 256 256
        Aug.oneOf [ 1.0, Ops.brightness (Sampler.uniform -0.2 0.2)
                    1.0, Ops.contrast (Sampler.uniform 0.7 1.3) ] ]

let augment (photo: string) (boxes: Box[]) (seed: int) =
    let sample = Sample.ofImage (ImageIO.read photo) |> Sample.withBoxes boxes
    let augmented, trace = Aug.run pipeline (Seed.ofInt seed) sample
    printfn "%s" (Json.traceToString trace)           // what was drawn: replays without the seed
    augmented, trace
// endregion
