using Microsoft.Extensions.Logging;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.Worker.Tests.Pipeline;

public sealed class JpegCodecsTests : IDisposable
{
    readonly CapturedLogs logs = new();
    readonly ILogger logger;

    public JpegCodecsTests() => logger = new LoggerFactory([logs]).CreateLogger("test");

    public void Dispose() => logs.Dispose();

    [Fact]
    public void Auto_takes_libjpeg_turbo_where_it_loads_and_says_so()
    {
        var codecs = JpegCodecs.Choose(new JpegOptions(), logger);

        Assert.IsType<TurboJpegEncoder>(codecs.Encoder);
        Assert.NotNull(codecs.TurboJpeg);
        Assert.Contains(logs.Records, r => r.StartsWith("Information") && r.Contains("decoded and paintings encoded by libjpeg-turbo"));
    }

    [Fact]
    public void Auto_without_the_library_encodes_with_skia_and_warns_why()
    {
        var codecs = JpegCodecs.Choose(new JpegOptions { Library = "libturbojpeg-missing.so.0" }, logger);

        Assert.IsType<SkiaJpegEncoder>(codecs.Encoder);
        Assert.Null(codecs.TurboJpeg);
        var warning = Assert.Single(logs.Records, r => r.StartsWith("Warning"));
        Assert.Contains("libturbojpeg-missing.so.0 was not found", warning);
    }

    [Fact]
    public void Libjpeg_turbo_asked_for_and_missing_stops_the_worker_naming_the_library()
    {
        var error = Assert.Throws<InvalidOperationException>(() => JpegCodecs.Choose(
            new JpegOptions { Codec = "libjpeg-turbo", Library = "libturbojpeg-missing.so.0" }, logger));

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
        var codecs = JpegCodecs.Choose(new JpegOptions { Codec = "skia" }, logger);

        Assert.IsType<SkiaJpegEncoder>(codecs.Encoder);
        Assert.Null(codecs.TurboJpeg);
        Assert.Contains(logs.Records, r => r.Contains("decoded and paintings encoded by Skia"));
    }
}
