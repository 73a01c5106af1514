using System.Diagnostics;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;
using RenderFarm.Worker.Tests.Imaging;
using Xunit.Abstractions;

namespace RenderFarm.Worker.Tests.Scratch;

public sealed class OrientScratch(ITestOutputHelper output)
{
    [Fact]
    public void Time()
    {
        var turbo = SystemTurboJpeg.Library;
        foreach (var file in new[] { "Portrait_6.jpg", "Landscape_8.jpg", "DSCN0010.jpg" })
        {
            var bytes = File.ReadAllBytes(SharedData.Exif(file));
            foreach (var decoder in new[] { new SourceDecoder(), new SourceDecoder { TurboJpeg = turbo } })
            {
                decoder.Decode(bytes);
                var times = new List<double>();
                RgbaImage? image = null;
                for (var i = 0; i < 9; i++) { var s = Stopwatch.GetTimestamp(); image = decoder.Decode(bytes); times.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds); }
                times.Sort();
                output.WriteLine($"{file} turbo={decoder.TurboJpeg is not null}: {image!.Width}x{image.Height} median {times[4]:F2} ms");
            }
        }
    }
}
