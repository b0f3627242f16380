namespace Faas.Serverless.Domain.Tests.Triggers.Dql;

/// <summary>The trigger examples of the platform documentation, written as the JSON a trigger carries.</summary>
public static class DqlSeedExampleCases
{
    private const string TrainImage = """
        {'id': '6541f2c8', 'name': 'a.jpg', 'filename': '/train/a.jpg', 'dir': '/train', 'type': 'file', 'hidden': false,
         'annotated': true, 'metadata': {'system': {'mimetype': 'image/jpeg', 'size': 1024}}, 'createdAt': '2024-05-01T10:00:00.000Z'}
        """;

    private const string InputVideo = """
        {'id': '6541f2c9', 'name': 'clip.mp4', 'filename': '/input/clip.mp4', 'dir': '/input', 'type': 'file', 'hidden': false,
         'annotated': true, 'metadata': {'system': {'mimetype': 'video/mp4', 'size': 8388608}}}
        """;

    public static TheoryData<string, string, bool> TrainFolderFiles => DqlCases.Resources(
        "{'$and': [{'dir': '/train'}, {'hidden': false}, {'type': 'file'}]}",
        (TrainImage, true),
        (TrainImage.Replace("'hidden': false", "'hidden': true", StringComparison.Ordinal), false),
        (TrainImage.Replace("'type': 'file'", "'type': 'dir'", StringComparison.Ordinal), false),
        (TrainImage.Replace("'dir': '/train'", "'dir': '/train/sub'", StringComparison.Ordinal), false),
        (TrainImage.Replace("'dir': '/train', ", string.Empty, StringComparison.Ordinal), false),
        (TrainImage.Replace("'hidden': false,", string.Empty, StringComparison.Ordinal), false),
        (InputVideo, false));

    public static TheoryData<string, string, bool> InputDirectory => DqlCases.Resources(
        "{'dir': '/input'}",
        (InputVideo, true),
        (InputVideo.Replace("'dir': '/input'", "'dir': '/input/sub'", StringComparison.Ordinal), false),
        (InputVideo.Replace("'dir': '/input'", "'dir': '/Input'", StringComparison.Ordinal), false),
        (TrainImage, false),
        ("{}", false));

    public static TheoryData<string, string, bool> AnnotatedVideos => DqlCases.Resources(
        "{'annotated': true, 'metadata.system.mimetype': 'video/*'}",
        (InputVideo, true),
        (InputVideo.Replace("video/mp4", "video/quicktime", StringComparison.Ordinal), true),
        (InputVideo.Replace("'annotated': true", "'annotated': false", StringComparison.Ordinal), false),
        (InputVideo.Replace("'annotated': true, ", string.Empty, StringComparison.Ordinal), false),
        (InputVideo.Replace("'mimetype': 'video/mp4', ", string.Empty, StringComparison.Ordinal), false),
        (TrainImage, false));

    public static TheoryData<string, string, bool> AnnotatedVideosAsAnd => DqlCases.Resources(
        "{'$and': [{'annotated': true}, {'metadata.system.mimetype': 'video/*'}]}",
        (InputVideo, true),
        (InputVideo.Replace("'annotated': true", "'annotated': false", StringComparison.Ordinal), false),
        (TrainImage, false));

    public static TheoryData<string, string, bool> BoxAnnotations => DqlCases.Resources(
        "{'type': 'box'}",
        ("{'id': 'a1', 'type': 'box', 'label': 'DOG', 'coordinates': [{'x': 1, 'y': 2}, {'x': 30, 'y': 40}]}", true),
        ("{'id': 'a2', 'type': 'polygon', 'label': 'DOG'}", false),
        ("{'id': 'a3', 'type': 'Box', 'label': 'DOG'}", false),
        ("{'id': 'a4', 'label': 'DOG'}", false));

    public static TheoryData<string, string, bool> DogAnnotations => DqlCases.Resources(
        "{'label': 'DOG'}",
        ("{'id': 'a1', 'type': 'box', 'label': 'DOG'}", true),
        ("{'id': 'a2', 'type': 'box', 'label': 'dog'}", false),
        ("{'id': 'a3', 'type': 'box', 'label': 'DOGS'}", false),
        ("{'id': 'a4', 'type': 'box', 'label': null}", false),
        ("{'id': 'a5', 'type': 'box'}", false));
}
