namespace RenderFarm.Worker.Imaging;

/// <summary>Every part on the calling thread, one after another: for callers without threads to share (tests, tools).</summary>
public sealed class InlineParts : IPartRunner
{
    public static readonly InlineParts Instance = new();

    public void Run(int count, Action<int> part)
    {
        for (var i = 0; i < count; i++) part(i);
    }
}
