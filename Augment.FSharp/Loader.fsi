namespace Augment
    
    /// One item of a dataset: an image file and its annotations, in the image's displayed frame (EXIF orientation applied).
    type ImageItem =
        {
          
          /// The image file (PNG or JPEG).
          Path: string
          
          /// A probability vector (one-hot for a class); empty when the item has none.
          Label: float array
          
          /// The objects' boxes in pixels of the displayed image.
          Boxes: Box array
        }
    
    /// A dataset: its items, and the class names by class index (empty when it has none).
    type ImageDataset =
        {
          
          /// The items, in the dataset's own order (the loader shuffles positions, not this array).
          Items: ImageItem array
          
          /// The class names; entry c names class c (label index c, or a box's Class c).
          Classes: string array
        }
    
    /// Datasets from folders and annotation files.
    [<RequireQualifiedAccess>]
    module ImageDataset =
        
        /// <summary>A folder of images, as torchvision's <c>ImageFolder</c>: each subfolder holding PNG or JPEG files (at any
        /// depth) is a class, the classes in ordinal order of their names, each image labelled one-hot; files in ordinal
        /// order of their paths. A folder with no such subfolder gives its own images, unlabelled.</summary>
        /// <exception cref="System.ArgumentException">The folder does not exist or holds no .png, .jpg or .jpeg file.</exception>
        [<CompiledName ("OfFolder")>]
        val ofFolder: root: string -> ImageDataset
        
        /// <summary>A COCO detection file (see <c>Coco.read</c>): each image under <paramref name="imageRoot"/> by its
        /// <c>file_name</c>, with its boxes (class = category_id); the classes are the category names by id (an unused id
        /// below the largest has an empty name).</summary>
        /// <exception cref="System.IO.InvalidDataException">The file is not COCO detection JSON (the message names it).</exception>
        [<CompiledName ("OfCoco")>]
        val ofCoco: annotations: string -> imageRoot: string -> ImageDataset
        
        /// <summary>A dataset read by the annotation readers (<c>Coco.readDataset</c>, <c>Yolo</c>, <c>Voc</c>): each item's
        /// image under the dataset's <c>ImageRoot</c> with its objects' boxes; the classes are the category names by id
        /// (an unused id below the largest has an empty name).</summary>
        /// <exception cref="System.ArgumentException">A category id is negative or above 100000.</exception>
        [<CompiledName ("OfAnnotations")>]
        val ofAnnotations: dataset: Dataset -> ImageDataset
        
        /// <summary>A dataset of the given items and class names.</summary>
        /// <exception cref="System.ArgumentException">An item, its path, label or boxes is null (the message names its index).</exception>
        [<CompiledName ("OfItems")>]
        val ofItems: items: ImageItem seq -> classes: string seq -> ImageDataset
    
    /// What the loader does with a file it cannot read or decode.
    [<RequireQualifiedAccess>]
    type OnCorrupt =
        
        /// Leave the sample out of its batch (the other samples keep their positions and seeds) and report it in
        /// <c>Batch.Skipped</c> with its path and why.
        | Skip
        
        /// Stop the run: the enumeration throws the decoder's exception, whose message starts with the path.
        | Fail
    
    /// <summary>How a loader runs. Only <c>Draft</c> changes the bits of the output; the workers and the prefetch depth
    /// never do.</summary>
    type LoaderOptions =
        {
          
          /// Samples per batch; at least 1.
          BatchSize: int
          
          /// Batches built at once, each on one thread (decode, then the pipeline); at least 1.
          Workers: int
          
          /// <summary>The most batches in flight (being built, or built and waiting) beside the one the caller holds; at
          /// least 1. Memory is bounded by <c>Prefetch + 1</c> batches; at least <c>Workers</c> keeps every worker busy.</summary>
          Prefetch: int
          
          /// Whether each epoch visits the items in a seeded random order (else in dataset order).
          Shuffle: bool
          
          /// Whether a last batch smaller than BatchSize is left out.
          DropLast: bool
          
          /// Whether a corrupt or missing file is skipped (and reported) or fails the run.
          OnCorrupt: OnCorrupt
          
          /// The decoder's options (pixel limit, EXIF orientation).
          Decode: DecodeOptions
          
          /// <summary>When the pipeline's first step is a fixed <c>Ops.resize</c> that shrinks the image both ways, decode a
          /// JPEG at the smallest DCT scale that is still at least that size (<c>ImageIO.decodeAtLeastWith</c>, as PIL's
          /// draft mode), scaling its boxes to match; the resize then runs on the smaller image. Faster, and slightly
          /// different pixels than a full decode.</summary>
          Draft: bool
          
          /// <summary>A per-channel mean and standard deviation (fractions of the value range, as <c>Tensors.collate</c>):
          /// when given, each batch also carries its images as an NCHW tensor, built by the worker.</summary>
          Normalize: (float32 array * float32 array) option
          
          /// Run options for the pipeline (fusion, backend).
          Run: RunOptions
        }
        
        /// Batches of 32, one worker per processor, prefetch twice the workers, shuffled, last batch kept, corrupt files fail
        /// the run, default decoding, draft decoding on, no tensor, default run options.
        static member Default: LoaderOptions
    
    /// A file the loader left out of a batch (<c>OnCorrupt.Skip</c>).
    type SkippedItem =
        {
          
          /// Its position in the epoch.
          Position: int
          
          /// Its index in the dataset.
          Item: int
          
          /// Its path.
          Path: string
          
          /// Why: the decoder's or the file system's message (it starts with the path).
          Reason: string
        }
    
    /// One batch of an epoch.
    type Batch =
        {
          
          /// The epoch.
          Epoch: int
          
          /// The batch's index in the epoch: it holds positions Index * BatchSize up to the next batch's.
          Index: int
          
          /// The samples' positions in the epoch (sample i of the epoch ran with <c>Loader.sampleSeed root epoch i</c>).
          Positions: int array
          
          /// The samples' indices in the dataset.
          Items: int array
          
          /// The augmented samples.
          Samples: Sample array
          
          /// What each sample's run drew (replay with <c>Aug.replayBatch</c>).
          Traces: Trace array
          
          /// <summary>The images as an NCHW tensor, when <c>LoaderOptions.Normalize</c> is given and the batch is not empty.</summary>
          Images: System.Numerics.Tensors.Tensor<float32> option
          
          /// The labels as an [N, K] tensor (K the label length, 0 without labels); mixed labels stay soft.
          Labels: System.Numerics.Tensors.Tensor<float32>
          
          /// The files left out of this batch.
          Skipped: SkippedItem array
        }
    
    /// <summary>Seeded, parallel loading of augmented batches. The epoch's seed is <c>Seed.derive root epoch</c>; the
    /// epoch's order is a Fisher-Yates shuffle drawn from that seed's raw blocks; the sample at position i of the epoch
    /// runs the pipeline with <c>Seed.derive (Seed.derive root epoch) i</c>, and batch b holds positions b * BatchSize up
    /// to (b + 1) * BatchSize, run with <c>Aug.runBatchSeeded</c> (so MixUp and CutMix partners come from the batch).
    /// Every sample depends only on its seed and its batch, so the output is the same bits for any number of workers and
    /// any prefetch depth.</summary>
    [<RequireQualifiedAccess>]
    module Loader =
        
        /// <summary>The seed of epoch <paramref name="epoch"/>: <c>Seed.derive root epoch</c>.</summary>
        /// <exception cref="System.ArgumentException">epoch is negative.</exception>
        [<CompiledName ("EpochSeed")>]
        val epochSeed: root: Seed -> epoch: int -> Seed
        
        /// <summary>The seed of the sample at <paramref name="position"/> of an epoch:
        /// <c>Seed.derive (Seed.derive root epoch) position</c>.</summary>
        /// <exception cref="System.ArgumentException">epoch or position is negative.</exception>
        [<CompiledName ("SampleSeed")>]
        val sampleSeed: root: Seed -> epoch: int -> position: int -> Seed
        
        /// <summary>The dataset index at each position of an epoch: the identity without <paramref name="shuffle"/>, else a
        /// Fisher-Yates shuffle (Knuth's Algorithm P, from the top) with <c>Seed.uniforms (epochSeed root epoch) count</c>:
        /// position k swaps with <c>floor(u[k] (k + 1))</c>.</summary>
        /// <exception cref="System.ArgumentException">epoch or count is negative.</exception>
        [<CompiledName ("Order")>]
        val order: root: Seed -> epoch: int -> count: int -> shuffle: bool -> int array
        
        /// <summary>The number of batches an epoch of <paramref name="count"/> items gives.</summary>
        /// <exception cref="System.ArgumentException">The options are invalid, or count is negative.</exception>
        [<CompiledName ("BatchCount")>]
        val batchCount: options: LoaderOptions -> count: int -> int
        
        /// <summary>One item as a sample before the pipeline: the file decoded (at a DCT scale when <c>options.Draft</c> and
        /// the pipeline starts with a shrinking fixed resize; <paramref name="seed"/> is the sample's seed), its label and
        /// boxes (scaled with the image), checked.</summary>
        /// <exception cref="System.IO.FileNotFoundException">No file at the item's path.</exception>
        /// <exception cref="System.IO.InvalidDataException">The file is not a decodable PNG or JPEG (the message starts with its path).</exception>
        /// <exception cref="System.ArgumentException">The annotations do not fit the image (the message starts with the path).</exception>
        [<CompiledName ("Load")>]
        val load:
          options: LoaderOptions ->
            pipeline: Aug -> seed: Seed -> item: ImageItem -> Sample
        
        /// <summary>The batches of one epoch, built ahead by <c>options.Workers</c> workers with at most
        /// <c>options.Prefetch</c> batches in flight beside the one the caller holds. Lazy: nothing starts until the first
        /// batch is asked for, and stopping early cancels the batches not yet taken.</summary>
        /// <exception cref="System.ArgumentException">The options are invalid or the epoch is negative; while enumerating,
        /// annotations that do not fit their image, or a pipeline that does not fit the samples.</exception>
        /// <exception cref="System.IO.InvalidDataException">While enumerating, with <c>OnCorrupt.Fail</c>: a file that is not
        /// a decodable image (the message starts with its path). A missing file throws a FileNotFoundException.</exception>
        [<CompiledName ("Epoch")>]
        val epoch:
          options: LoaderOptions ->
            pipeline: Aug ->
            root: Seed -> epoch: int -> dataset: ImageDataset -> Batch seq
