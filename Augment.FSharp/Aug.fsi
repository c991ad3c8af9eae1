namespace Augment
    
    /// <summary>A pipeline: a tree of ops built with the <c>Aug</c> combinators. A value: it prints, and runs in
    /// <c>Aug.run</c>. Its cases are built only through the checking combinators.</summary>
    [<NoEquality; NoComparison; RequireQualifiedAccess>]
    type Aug =
        internal | Identity
                 | Op of Op
                 | Sequence of Aug list
                 | Maybe of p: float * Aug
                 | OneOf of choices: (float * Aug) list
                 | SomeOf of n: int * choices: Aug list
        
        override ToString: unit -> string
    
    /// <summary>What a run drew, node by node, mirroring the pipeline: re-applying it with <c>Aug.replay</c>
    /// reproduces the run without the seed. An op's parameters are its typed record (or, read from JSON, the JSON
    /// object, which replay decodes and checks against the op's domain).</summary>
    [<RequireQualifiedAccess; CustomEquality; NoComparison>]
    type Trace =
        
        /// An identity node.
        | Skip
        
        /// An op and the parameters it drew.
        | Applied of op: string * parameters: obj
        
        /// The traces of a sequence's steps.
        | Steps of Trace list
        
        /// Whether a maybe-node ran its inner pipeline, and that pipeline's trace (Skip when it did not).
        | Coin of applied: bool * Trace
        
        /// The index a one-of node picked, and that choice's trace.
        | Chose of index: int * Trace
        
        /// The indices a some-of node picked, in run order, with their traces.
        | ChoseMany of (int * Trace) list
        
        override Equals: o: obj -> bool
        
        override GetHashCode: unit -> int
    
    /// <summary>The public constructor call that built a pipeline node: the constructor's compiled name (for example
    /// <c>Rotate</c> for <c>Ops.rotate</c>) and its arguments by parameter name, in parameter order. <c>Pipeline.save</c>
    /// writes a node that has a source as this call, and <c>Pipeline.load</c> makes the call again.</summary>
    [<NoEquality; NoComparison>]
    type AugSource =
        {
          /// The constructor's compiled name.
          Constructor: string
          /// The arguments by parameter name, in parameter order.
          Arguments: (string * obj) list
        }

    /// Building and running pipelines.
    [<RequireQualifiedAccess>]
    module Aug =
        
        /// The identity pipeline.
        [<CompiledName ("Identity")>]
        val identity: Aug
        
        /// A pipeline of one op.
        [<CompiledName ("OfOp")>]
        val op: o: Op -> Aug
        
        /// <summary>The deepest nesting a pipeline may have. Deeper trees are refused when they are built, so running,
        /// tracing and serialising never exhaust the stack.</summary>
        [<Literal>]
        val MaxDepth: int = 256
        
        /// Runs the steps in order.
        [<CompiledName ("Sequence")>]
        val sequence: steps: Aug seq -> Aug
        
        /// <c>first</c>, then <c>next</c> (flattening nested sequences).
        [<CompiledName ("AndThen")>]
        val andThen: next: Aug -> first: Aug -> Aug
        
        /// <summary>Runs <paramref name="inner"/> with probability <paramref name="p"/>.</summary>
        /// <exception cref="System.ArgumentException">p is not in [0, 1].</exception>
        [<CompiledName ("Maybe")>]
        val maybe: p: float -> inner: Aug -> Aug
        
        /// <summary>Runs one choice, picked with probability proportional to its weight.</summary>
        /// <exception cref="System.ArgumentException">No choices, a weight that is negative or not finite, or all weights zero.</exception>
        [<CompiledName ("OneOf")>]
        val oneOf: choices: (float * Aug) seq -> Aug
        
        /// One choice, each equally likely.
        [<CompiledName ("OneOfUniform")>]
        val oneOfUniform: choices: Aug seq -> Aug
        
        /// <summary>Runs <paramref name="n"/> distinct choices, drawn without replacement, in the order drawn.</summary>
        /// <exception cref="System.ArgumentException">n is negative or more than the number of choices.</exception>
        [<CompiledName ("SomeOf")>]
        val someOf: n: int -> choices: Aug seq -> Aug
        
        /// The op of a single-op pipeline, or None for a combinator.
        [<CompiledName ("TryOp")>]
        val tryOp: a: Aug -> Op option

        /// <summary>The same pipeline as a new node that remembers the constructor call that built it, so that
        /// <c>Pipeline.save</c> writes it as that call. Every catalogue constructor calls it; a policy built from
        /// other constructors and combinators calls it with its own compiled name and arguments to be saved as itself.
        /// The identity pipeline becomes a one-step sequence of identity (it runs the same).</summary>
        /// <exception cref="System.ArgumentException">The constructor name is empty.</exception>
        [<CompiledName ("WithSource")>]
        val withSource:
          constructor: string -> arguments: (string * obj) list -> a: Aug -> Aug

        /// <summary>The constructor call that built this node (see <c>withSource</c>), if one was recorded.</summary>
        [<CompiledName ("TrySource")>]
        val trySource: a: Aug -> AugSource option
        
        /// <summary>One sample on its way through a pipeline: annotations move eagerly as each op is planned, pixel
        /// steps wait in a list until something needs pixels (a custom op, a batch op, the end), then run as one plan.</summary>
        type internal Runner =
            
            new: options: RunOptions * start: Sample * batchSize: int *
                 batchIndex: int -> Runner
            
            member Apply: step: Step -> unit
            
            /// Runs the waiting pixel steps, so that the sample is whole. The arrays of the result are never the
            /// caller's: an output does not alias its input (images are immutable and may be shared).
            member Flush: unit -> Sample
            
            /// Runs the waiting pixel steps into a caller's buffer (the image only).
            member FlushInto: destination: Native.PixelBuffer -> unit
            
            /// The image's element type and value range after the steps planned so far.
            member Format: struct (Native.ElementType * Native.ValueRange)
            
            /// The image's shape after the steps planned so far.
            member Shape: Shape
            
            member View: SampleView
        
        /// <summary>Runs the pipeline with options (fusion on or off, a backend): the augmented sample and its trace.</summary>
        /// <exception cref="System.ArgumentException">The sample is invalid (see <c>Sample.validate</c>), or an op's
        /// parameters do not fit the sample.</exception>
        [<CompiledName ("RunWith")>]
        val runWith:
          options: RunOptions ->
            a: Aug -> seed: Seed -> s: Sample -> Sample * Trace
        
        /// <summary>Runs the pipeline on a sample with a seed: the augmented sample and the trace of what it drew.
        /// The same (pipeline, seed, sample) always gives the same bits.</summary>
        /// <exception cref="System.ArgumentException">The sample is invalid (see <c>Sample.validate</c>).</exception>
        [<CompiledName ("Run")>]
        val run: a: Aug -> seed: Seed -> s: Sample -> Sample * Trace
        
        /// The augmented sample alone.
        [<CompiledName ("Apply")>]
        val apply: a: Aug -> seed: Seed -> s: Sample -> Sample
        
        /// <summary>The shape of the image that running the pipeline with this seed gives: the draw and plan alone, no
        /// pixel work (unless the pipeline holds a custom op, which needs the pixels before it).</summary>
        [<CompiledName ("OutputShape")>]
        val outputShape: a: Aug -> seed: Seed -> s: Sample -> Shape
        
        /// <summary>Runs the pipeline and writes the augmented image into <paramref name="destination"/>, which must have
        /// the output's shape (see <c>Aug.outputShape</c>); intermediates use pooled buffers. Returns the trace.</summary>
        /// <exception cref="System.ArgumentException">The destination does not have the output's shape, or the pipeline
        /// holds a batch op.</exception>
        [<CompiledName ("RunInto")>]
        val runInto:
          options: RunOptions ->
            a: Aug ->
            seed: Seed -> s: Sample -> destination: Native.PixelBuffer -> Trace
        
        /// <summary>As <c>runInto</c>, without building the trace: the same draws and the same bits in
        /// <paramref name="destination"/>, for loops that do not keep what was drawn.</summary>
        /// <exception cref="System.ArgumentException">As <c>runInto</c>.</exception>
        [<CompiledName ("RunIntoUntraced")>]
        val runIntoUntraced:
          options: RunOptions ->
            a: Aug ->
            seed: Seed -> s: Sample -> destination: Native.PixelBuffer -> unit
        
        /// <summary>Re-applies a trace with options: the same pipeline, the recorded parameters, no seed. Every
        /// recorded value is checked against its op's domain first.</summary>
        /// <exception cref="System.ArgumentException">The trace does not fit the pipeline, or a value is outside its
        /// op's domain; the message starts with the JSON path of the element, e.g. <c>$.steps[2].params.x</c>.</exception>
        [<CompiledName ("ReplayWith")>]
        val replayWith:
          options: RunOptions -> a: Aug -> trace: Trace -> s: Sample -> Sample
        
        /// <summary>Re-applies a trace: the same pipeline, the recorded parameters, no seed.</summary>
        /// <exception cref="System.ArgumentException">As <c>replayWith</c>.</exception>
        [<CompiledName ("Replay")>]
        val replay: a: Aug -> trace: Trace -> s: Sample -> Sample
        
        /// <summary>Runs the pipeline over a batch on up to <paramref name="threads"/> threads. Sample i runs with
        /// <c>Seed.derive seed i</c>, so a pipeline without batch ops gives each sample exactly what <c>Aug.run</c>
        /// gives it with that seed, and the bits are the same for any thread count. Batch ops (MixUp, CutMix) stand
        /// at the top level of the pipeline; each sample draws its partner and mixes with the partner as it stood
        /// just before the batch op.</summary>
        /// <exception cref="System.ArgumentException">threads &lt; 1, a sample is invalid, a batch op is nested, or the
        /// samples differ in shape or label length at a batch op.</exception>
        [<CompiledName ("RunBatch")>]
        val runBatch:
          options: RunOptions ->
            threads: int ->
            a: Aug ->
            seed: Seed -> samples: Sample array -> (Sample * Trace) array
        
        /// <summary>Runs the pipeline over a batch on up to <paramref name="threads"/> threads, sample i with its own
        /// seed <c>seeds[i]</c> (where <c>runBatch</c> uses <c>Seed.derive seed i</c>): a pipeline without batch ops gives
        /// each sample exactly what <c>Aug.run</c> gives it with that seed, and the bits are the same for any thread count.
        /// Batch ops as in <c>runBatch</c>; a sample's batch-op draw uses its own seed. <c>Loader</c> uses it so that a
        /// sample's seed is its place in the epoch, not in the batch.</summary>
        /// <exception cref="System.ArgumentException">As <c>runBatch</c>, or not one seed per sample.</exception>
        [<CompiledName ("RunBatchSeeded")>]
        val runBatchSeeded:
          options: RunOptions ->
            threads: int ->
            a: Aug ->
            seeds: Seed array -> samples: Sample array -> (Sample * Trace) array
        
        /// <summary>As <c>runBatch</c>, with each sample's augmented image written into <c>destinations[i]</c> (a buffer of
        /// that sample's output shape and element type, see <c>Aug.outputShape</c>) instead of a new image: the same draws
        /// and the same bits. A batch op that ends the pipeline (MixUp, CutMix, Mosaic) writes its image straight into the
        /// destination; intermediates of single-sample steps use pooled buffers. Returns each sample's label and trace
        /// (boxes, mask and keypoints are not returned, as with <c>runInto</c>).</summary>
        /// <exception cref="System.ArgumentException">As <c>runBatch</c>, not one destination per sample, or a
        /// destination that is null, read-only or not of its sample's output shape and element type (the message names
        /// <c>destinations[i]</c>, its shape and the expected one).</exception>
        [<CompiledName ("RunBatchInto")>]
        val runBatchInto:
          options: RunOptions ->
            threads: int ->
            a: Aug ->
            seed: Seed ->
            samples: Sample array ->
            destinations: Native.PixelBuffer array -> (float array * Trace) array
        
        /// <summary>Re-applies the traces of a batch run (one per sample, in order).</summary>
        /// <exception cref="System.ArgumentException">The traces do not fit the pipeline or the batch.</exception>
        [<CompiledName ("ReplayBatch")>]
        val replayBatch:
          options: RunOptions ->
            threads: int ->
            a: Aug ->
            traces: Trace array ->
            samples: Sample array -> (Sample * Trace) array
