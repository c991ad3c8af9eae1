namespace Augment
    
    /// JSON forms of traces and of a sample's annotations.
    [<RequireQualifiedAccess>]
    module Json =
        
        /// <summary>A trace as JSON: <c>{"op", "params"}</c> (params: the op's parameter record, field by field), <c>{"steps"}</c>, <c>{"coin", "then"}</c>,
        /// <c>{"chose", "then"}</c>, <c>{"choseMany": [{"index", "then"}]}</c> or <c>{"skip": true}</c>.</summary>
        [<CompiledName ("TraceToNode")>]
        val traceToNode: t: Trace -> System.Text.Json.Nodes.JsonNode
        
        /// <summary>Reads a trace written by <c>traceToNode</c>. Parameters stay JSON until a replay checks them.</summary>
        /// <exception cref="System.ArgumentException">The JSON is not a trace; the message starts with the JSON path.</exception>
        [<CompiledName ("TraceOfNode")>]
        val traceOfNode: n: System.Text.Json.Nodes.JsonNode -> Trace
        
        /// A trace as indented JSON text.
        [<CompiledName ("TraceToString")>]
        val traceToString: t: Trace -> string
        
        /// <summary>Reads JSON text written by <c>traceToString</c>.</summary>
        /// <exception cref="System.ArgumentException">The text is not a trace.</exception>
        [<CompiledName ("TraceOfString")>]
        val traceOfString: text: string -> Trace
        
        /// <summary>A sample's annotations (not its pixels) as JSON: size, label, boxes (corners and COCO
        /// <c>[x, y, w, h]</c>), keypoints and whether it has a mask.</summary>
        [<CompiledName ("AnnotationsToNode")>]
        val annotationsToNode: s: Sample -> System.Text.Json.Nodes.JsonNode
        
        /// JSON text of any node, indented.
        [<CompiledName ("ToText")>]
        val toText: n: System.Text.Json.Nodes.JsonNode -> string
