using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;
using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Bus;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Figure;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

// No arguments (or "serve") runs the worker service; the local commands and --help are System.CommandLine's.
return await WorkerCommands.InvokeAsync(args, RunWorkerAsync);

static async Task<int> RunWorkerAsync(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);

    builder.AddServiceDefaults();
    builder.AddFarmStorage();
    builder.AddJobRecords();
    builder.AddUploadStore();
    builder.AddGalleryStore();
    builder.AddPainters();
    builder.AddFaceDetection();
    builder.AddFigureGround();
    builder.AddPortraitPipeline();
    builder.AddWorkerBus();
    builder.AddUploadSweeper();

    var app = builder.Build();

    app.MapDefaultEndpoints();

    await app.RunAsync();
    return 0;
}

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
