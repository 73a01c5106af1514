namespace RenderFarm.Worker.Imaging;

/// <summary>
/// Runs the independent parts of one image step (bands of rows, planes), on more than one thread where the runner has
/// idle ones. A part must write only its own share of the output, so the parts may run in any order and at once.
/// </summary>
public interface IPartRunner
{
    /// <summary>Runs <paramref name="part"/> for 0 … <paramref name="count"/> − 1 and returns when all have run.</summary>
    void Run(int count, Action<int> part);
}
