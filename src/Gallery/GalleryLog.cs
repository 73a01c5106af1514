namespace RenderFarm.Gallery;

/// <summary>Log messages of the Gallery, source-generated, with stable event ids (3000s). Never a gallery id or token.</summary>
public static partial class GalleryLog
{
    [LoggerMessage(3001, LogLevel.Information, "A painting was taken down by its uploader")]
    public static partial void TakenDown(this ILogger logger);
}
