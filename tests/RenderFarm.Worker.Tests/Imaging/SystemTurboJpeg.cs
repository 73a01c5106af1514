using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Imaging;

/// <summary>The system's libjpeg-turbo, which the farm's setup installs (libturbojpeg0): the tests that need it fail without it.</summary>
public static class SystemTurboJpeg
{
    public static TurboJpegLibrary Library { get; } = TurboJpegLibrary.TryLoad(TurboJpegLibrary.DefaultName, out var library, out var reason)
        ? library! : throw new InvalidOperationException($"The farm's setup installs libturbojpeg0: {reason}");
}
