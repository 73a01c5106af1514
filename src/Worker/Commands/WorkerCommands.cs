namespace RenderFarm.Worker.Commands;

/// <summary>Local commands of the worker binary; anything else starts the farm worker.</summary>
public static class WorkerCommands
{
    public static bool IsCommand(string[] args) => args is ["paint", ..] or ["contact-sheet", ..] or ["forge", ..];

    public static Task<int> RunAsync(string[] args) => args[0] switch
    {
        "paint" => PaintCommand.RunAsync(args[1..], Console.Out, Console.Error),
        "contact-sheet" => ContactSheetCommand.RunAsync(args[1..], Console.Out, Console.Error),
        "forge" => ForgeCommand.RunAsync(args[1..], Console.Out, Console.Error),
        _ => throw new ArgumentOutOfRangeException(nameof(args)),
    };
}
