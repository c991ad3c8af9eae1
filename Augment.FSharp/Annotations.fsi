namespace Augment
    
    /// A COCO instance segmentation: polygons (each <c>[x1, y1, x2, y2, ...]</c> in pixels) or a run-length encoding.
    [<RequireQualifiedAccess>]
    type Segmentation =
        | Polygons of float array array
        
        /// Run lengths over the mask in column-major order (down the first column, then the next), starting with a run of
        /// zeros (possibly empty), as COCO's RLE.
        | Rle of height: int * width: int * counts: int array
    
    /// One annotated object: a box, and in COCO a segmentation, keypoints and the crowd flag.
    type ObjectAnnotation =
        {
          Box: Box
          Segmentation: Segmentation option
          
          /// COCO keypoints: x, y and visibility v (0 not labelled, 1 labelled but not visible, 2 visible).
          Keypoints: (float * float * int) array
          Crowd: bool
        }
    
    /// One image of a dataset and its objects. <c>File</c> is relative to the dataset's <c>ImageRoot</c>.
    type DatasetItem =
        {
          File: string
          Width: int
          Height: int
          Objects: ObjectAnnotation array
        }
    
    /// The annotation formats the readers and writers know.
    [<RequireQualifiedAccess>]
    type AnnotationFormat =
        | Coco
        | Yolo
        | Voc
        
        /// Images without annotations.
        | Images
    
    /// A dataset: images with their objects, the categories (id and name, in order) and where the images are.
    type Dataset =
        {
          Format: AnnotationFormat
          ImageRoot: string
          Items: DatasetItem array
          Categories: (int * string) array
        }
    
    /// One image of a COCO annotation file with its boxes (class = category_id, id = annotation id).
    type CocoImage =
        {
          FileName: string
          Width: int
          Height: int
          Boxes: Box array
        }
    
    /// Coordinates from annotation files, checked and tolerantly clipped.
    [<RequireQualifiedAccess>]
    module Tolerance =
        
        /// <summary>How far outside the image (as a fraction of its width or height) a coordinate may lie and still be
        /// taken as float noise and clipped: 1e-3.</summary>
        [<Literal>]
        val Relative: float = 0.001
        
        /// <summary>A box from an annotation file: a coordinate less than <c>Relative</c> of the image side outside the
        /// image is clipped onto its edge, and corners swapped by less than that are made equal; anything else that is not a
        /// box inside the image (NaN, infinite, xMin &gt; xMax, further outside) is an InvalidDataException naming
        /// <paramref name="source"/> and the annotation <paramref name="index"/>.</summary>
        [<CompiledName ("Box")>]
        val box:
          source: string ->
            index: int ->
            width: int ->
            height: int ->
            x0: float ->
            y0: float -> x1: float -> y1: float -> cls: int -> id: int -> Box
    
    /// <summary>COCO run-length encodings, with pycocotools' algorithms (<c>maskApi.c</c>): column-major runs starting
    /// with zeros, the compressed string form, and polygon rasterisation.</summary>
    [<RequireQualifiedAccess>]
    module Rle =
        
        /// <summary>The runs of a 1-channel byte mask where <paramref name="isOn"/> holds, column-major (pycocotools' order).</summary>
        [<CompiledName ("Encode")>]
        val encode: isOn: (byte -> bool) -> mask: Native.Image -> Segmentation
        
        /// <summary>The mask of a run-length encoding: 1 where the runs are on, 0 elsewhere (height x width, 1 channel).</summary>
        /// <exception cref="System.ArgumentException">The counts are negative or do not add up to height x width.</exception>
        [<CompiledName ("Decode")>]
        val decode:
          height: int -> width: int -> counts: int array -> Native.Image
        
        /// <summary>pycocotools' compressed string of run lengths (<c>rleToString</c>): each count, less the count two
        /// before it from the fourth on, in 5-bit groups with a continuation bit, offset by 48.</summary>
        [<CompiledName ("ToCompressed")>]
        val toCompressed: counts: int array -> string
        
        /// <summary>Reads pycocotools' compressed string (<c>rleFrString</c>).</summary>
        /// <exception cref="System.ArgumentException">A character is outside '0' to 'o', or a run is negative.</exception>
        [<CompiledName ("OfCompressed")>]
        val ofCompressed: s: string -> int array
        
        /// <summary>One polygon rasterised as pycocotools' <c>rleFrPoly</c>: the outline is walked on a 5x finer grid,
        /// each pixel column toggles between outside and inside where the outline crosses it (an even-odd rule on the
        /// column's pixel centres), giving column-major runs.</summary>
        [<CompiledName ("OfPolygon")>]
        val ofPolygon: height: int -> width: int -> xy: float array -> int array
        
        
        /// <summary>The mask of a segmentation at the given size (polygons rasterised as <c>ofPolygon</c> and merged).</summary>
        [<CompiledName ("ToMask")>]
        val toMask:
          height: int -> width: int -> seg: Segmentation -> Native.Image
        
        /// <summary>The number of pixels a run-length encoding covers.</summary>
        [<CompiledName ("Area")>]
        val area: counts: int array -> int64
    
    /// Reading and writing COCO annotation files: boxes, segmentations (polygons and RLE) and keypoints.
    [<RequireQualifiedAccess>]
    module Coco =
        
        
        
        
        
        
        
        
        /// <summary>Parses COCO JSON text into a dataset (images relative to <paramref name="imageRoot"/>): boxes clipped
        /// tolerantly (see <c>Tolerance.box</c>), segmentations (polygons, uncompressed or compressed RLE), keypoints and
        /// iscrowd. Annotations keep the file's order; a box's class is its category_id and its id the annotation's index
        /// in its image.</summary>
        /// <exception cref="System.IO.InvalidDataException">Not COCO JSON, or an invalid annotation; the message names
        /// <paramref name="source"/> and the annotation's index in the file.</exception>
        [<CompiledName ("ParseDataset")>]
        val parseDataset:
          source: string -> imageRoot: string -> json: string -> Dataset
        
        /// <summary>Reads a COCO annotation file; images are relative to the file's folder.</summary>
        /// <exception cref="System.IO.InvalidDataException">As <c>parseDataset</c>, naming <paramref name="path"/>.</exception>
        [<CompiledName ("ReadDataset")>]
        val readDataset: path: string -> Dataset
        
        /// <summary>Parses COCO JSON text: every image with its boxes, and the category names by id (box ids are the
        /// annotation ids).</summary>
        /// <exception cref="System.IO.InvalidDataException">The text is not COCO detection JSON; <paramref name="source"/> names it in the message.</exception>
        [<CompiledName ("Parse")>]
        val parse:
          source: string -> text': string -> CocoImage list * Map<int,string>
        
        /// Reads a COCO annotation file.
        [<CompiledName ("Read")>]
        val read: path: string -> CocoImage list * Map<int,string>
        
        
        /// <summary>One annotation as COCO JSON (without <c>id</c> and <c>image_id</c>): bbox, area, category_id,
        /// iscrowd, segmentation (polygons as given; an RLE with pycocotools' compressed counts string), keypoints and
        /// num_keypoints.</summary>
        [<CompiledName ("AnnotationToNode")>]
        val annotationToNode:
          a: ObjectAnnotation -> System.Text.Json.Nodes.JsonObject
        
        /// <summary>A dataset as COCO JSON text: image ids 1, 2, ... in item order, annotation ids 1, 2, ... in item and
        /// object order (so the text is a function of the dataset alone), and the categories.</summary>
        [<CompiledName ("Format")>]
        val format: d: Dataset -> string
        
        /// <summary>Writes <c>format d</c> atomically.</summary>
        [<CompiledName ("Write")>]
        val write: path: string -> d: Dataset -> unit
    
    /// Reading image sizes from file headers.
    [<RequireQualifiedAccess>]
    module internal ImageHeader =
        
        val size: path: string -> int * int
    
    /// The image files a folder holds, in ordinal order of their relative paths.
    [<RequireQualifiedAccess>]
    module internal ImageFiles =
        
        val isImage: p: string -> bool
        
        val under: dir: string -> string array
    
    /// <summary>YOLO detection labels: a text file per image, one line <c>class cx cy w h</c> per box (normalised by the
    /// image's width and height), and the class names in <c>classes.txt</c> (one per line) or <c>data.yaml</c>'s
    /// <c>names</c>.</summary>
    [<RequireQualifiedAccess>]
    module Yolo =
        
        /// <summary>Parses a label file's text for a width x height image: coordinates a hair outside [0, 1] are clipped
        /// (<c>Tolerance.box</c>); box ids are the line's index among the boxes.</summary>
        /// <exception cref="System.IO.InvalidDataException">A line is not <c>class cx cy w h</c> or its box is invalid;
        /// the message names <paramref name="source"/> and the line.</exception>
        [<CompiledName ("Parse")>]
        val parse:
          source: string ->
            width: int -> height: int -> text: string -> Box array
        
        /// <summary>A label file's text: one line per box, numbers in the shortest form that reads back exactly, each
        /// clamped to [0, 1] so that float noise never writes a value outside it.</summary>
        /// <exception cref="System.ArgumentException">A box has a negative class.</exception>
        [<CompiledName ("Format")>]
        val format: width: int -> height: int -> boxes: Box seq -> string
        
        /// <summary>The class names of a YOLO dataset folder: <c>classes.txt</c> (a name per line) or the <c>names</c> of
        /// <c>data.yaml</c> (a flow list <c>[a, b]</c> or a block of <c>- a</c> or <c>0: a</c> lines); empty if neither.</summary>
        [<CompiledName ("ReadClasses")>]
        val readClasses: dir: string -> string array
        
        /// <summary>Reads a YOLO dataset folder: images under <c>images/</c> with labels under <c>labels/</c> (the same
        /// relative path, <c>.txt</c>), or images with their <c>.txt</c> beside them. An image without a label file has no
        /// boxes. Image sizes come from the file headers (EXIF orientation applied).</summary>
        /// <exception cref="System.IO.InvalidDataException">A label line is invalid (the message names the file and line),
        /// or an image header cannot be read.</exception>
        [<CompiledName ("ReadDataset")>]
        val readDataset: dir: string -> Dataset
    
    /// <summary>Pascal VOC XML annotations (one file per image; boxes <c>[xmin, ymin, xmax, ymax]</c> in pixels, read as
    /// the library's corners as albumentations does). Reading refuses DTDs and external entities.</summary>
    [<RequireQualifiedAccess>]
    module Voc =
        
        /// <summary>Parses a VOC annotation: the image file name, width, height and the objects, with class names.
        /// Boxes are clipped tolerantly (<c>Tolerance.box</c>); a box's class is the index of its name in
        /// <paramref name="classes"/>, its id its index among the objects.</summary>
        /// <exception cref="System.IO.InvalidDataException">Not well-formed XML, a DTD, not a VOC annotation, a name not
        /// in <paramref name="classes"/>, or an invalid box; the message names <paramref name="source"/> and the object.</exception>
        [<CompiledName ("Parse")>]
        val parse:
          source: string -> classes: string array -> xml: string -> DatasetItem
        
        /// <summary>The class names a VOC annotation uses, in order of first appearance.</summary>
        val internal names: xml: string -> string array
        
        /// <summary>The XML of an image's annotation; each object's name is its category's name in
        /// <paramref name="categories"/> (the class number when it has none).</summary>
        [<CompiledName ("Format")>]
        val format:
          categories: (int * string) array ->
            depth: int -> item: DatasetItem -> string
        
        /// <summary>Reads a VOC dataset folder: the <c>.xml</c> files under <c>Annotations/</c> (or anywhere in the folder),
        /// each naming its image, found under <c>JPEGImages/</c> or beside the file. The classes are <c>classes.txt</c>
        /// if present, else every name used, in ordinal order.</summary>
        /// <exception cref="System.IO.InvalidDataException">An annotation is invalid (the message names the file).</exception>
        [<CompiledName ("ReadDataset")>]
        val readDataset: dir: string -> Dataset
    
    /// Datasets in any of the formats, and their items as samples.
    [<RequireQualifiedAccess>]
    module Dataset =
        
        /// <summary>Reads a dataset: a <c>.json</c> file is COCO; a folder with <c>Annotations/</c>, or with <c>.xml</c>
        /// files and no <c>labels/</c>, is VOC; a folder with <c>labels/</c>, a <c>data.yaml</c> or <c>.txt</c> files is
        /// YOLO; any other folder is its images without annotations.</summary>
        /// <exception cref="System.ArgumentException">No such file or folder (ParamName "path").</exception>
        /// <exception cref="System.IO.InvalidDataException">An annotation file is invalid; the message names it.</exception>
        [<CompiledName ("Read")>]
        val read: path: string -> Dataset
        
        /// <summary>An item's annotations on its image as a sample: box i is object i (Id = i), the mask (when any object
        /// has a segmentation) is an instance map (value i + 1 where object i's segmentation covers the pixel, later
        /// objects over earlier ones), and the keypoints of every object in order.</summary>
        /// <exception cref="System.ArgumentException">The image is not the item's size, or more than 255 objects have
        /// segmentations.</exception>
        [<CompiledName ("ToSample")>]
        val toSample: item: DatasetItem -> image: Native.Image -> Sample
        
        /// <summary>The item a sample augmented from <paramref name="item"/> describes, for an image saved as
        /// <paramref name="file"/>: the objects whose boxes survived (by Id), with their boxes, their segmentations from the
        /// instance map as RLE, and their keypoints (v kept 0 where it was 0, else 2 if visible and 1 if not).</summary>
        /// <exception cref="System.ArgumentException">The sample's keypoints are not as many as the item's.</exception>
        [<CompiledName ("OfSample")>]
        val ofSample:
          item: DatasetItem -> file: string -> s: Sample -> DatasetItem

