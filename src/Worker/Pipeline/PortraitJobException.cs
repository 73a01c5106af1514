namespace RenderFarm.Worker.Pipeline;

/// <summary>A permanent failure of one job (bad photo, broken painter): fail it with a code, never retry.</summary>
public sealed class PortraitJobException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
