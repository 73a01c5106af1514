using System.Collections.Concurrent;
using System.Threading.Channels;
using RenderFarm.Worker.Imaging;

namespace RenderFarm.Worker.Tests.Painting;

/// <summary>
/// A worker that stops while its painters still load and paint (a short-lived worker stopped during its warm-up):
/// real models on the CPU. Releasing a session that a load or an inference still used crashed the whole process
/// (an ONNX Runtime assertion, twice in CI), so the outcome that matters is that this test's process lives on.
/// </summary>
public class PainterRegistryShutdownTests
{
    [Fact]
    public async Task Disposing_while_painters_load_and_paint_waits_for_them_and_refuses_the_rest()
    {
        var registry = Painters.CreateRegistry();
        var blank = RgbaImage.Allocate(512, 640);
        var outcomes = new ConcurrentQueue<string>();
        // What the warm-up does: every painter in turn, the shared stylizer's first user with a full batch.
        var warming = Task.Run(async () =>
        {
            foreach (var descriptor in registry.Catalog.Painters)
            {
                try
                {
                    if (registry.TryGet(descriptor.Name, out var painter))
                        await painter.PaintFullBatchAsync(blank, CancellationToken.None);
                    outcomes.Enqueue("painted");
                }
                catch (Exception ex) when (ex is ObjectDisposedException or ChannelClosedException)
                {
                    outcomes.Enqueue("refused");
                }
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        registry.Dispose();

        // Nothing waits forever for a painter that is gone, and nothing loads after the disposal.
        await warming.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(registry.Catalog.Painters.Count, outcomes.Count);
        Assert.Contains("refused", outcomes);
        Assert.Equal("refused", outcomes.Last());
    }
}
