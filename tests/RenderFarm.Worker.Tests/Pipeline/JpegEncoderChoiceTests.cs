using Microsoft.Extensions.Logging;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public sealed class JpegEncoderChoiceTests : IDisposable
{
    readonly CapturedLogs logs = new();
    readonly ILogger logger;

    public JpegEncoderChoiceTests() => logger = new LoggerFactory([logs]).CreateLogger("test");

    public void Dispose() => logs.Dispose();

    [Fact]
    public void Auto_takes_libjpeg_turbo_where_it_loads_and_says_so()
    {
        var encoder = JpegEncoderChoice.Choose(new OutputOptions(), logger);

        Assert.IsType<TurboJpegEncoder>(encoder);
        Assert.Contains(logs.Records, r => r.StartsWith("Information") && r.Contains("encoded as JPEG by libjpeg-turbo"));
    }

    [Fact]
    public void Auto_without_the_library_encodes_with_skia_and_warns_why()
    {
        var encoder = JpegEncoderChoice.Choose(new OutputOptions { TurboJpegLibrary = "libturbojpeg-missing.so.0" }, logger);

        Assert.IsType<SkiaJpegEncoder>(encoder);
        var warning = Assert.Single(logs.Records, r => r.StartsWith("Warning"));
        Assert.Contains("libturbojpeg-missing.so.0 was not found", warning);
    }

    [Fact]
    public void Libjpeg_turbo_asked_for_and_missing_stops_the_worker_naming_the_library()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JpegEncoderChoice.Choose(
            new OutputOptions { JpegEncoder = "libjpeg-turbo", TurboJpegLibrary = "libturbojpeg-missing.so.0" }, logger));

        Assert.Contains("libturbojpeg-missing.so.0", error.Message);
    }

    [Fact]
    public void A_library_without_the_turbojpeg_api_is_not_taken()
    {
        // libjpeg's classic API is there on every Debian box, TurboJPEG's functions are not in it.
        var loaded = TurboJpegLibrary.TryLoad("libjpeg.so.62", out var library, out var reason);

        Assert.False(loaded);
        Assert.Null(library);
        Assert.Contains("lacks the TurboJPEG API", reason);
    }

    [Fact]
    public void Skia_asked_for_is_skia_even_where_libjpeg_turbo_loads()
    {
        var encoder = JpegEncoderChoice.Choose(new OutputOptions { JpegEncoder = "skia" }, logger);

        Assert.IsType<SkiaJpegEncoder>(encoder);
        Assert.Contains(logs.Records, r => r.Contains("encoded as JPEG by Skia"));
    }
}
