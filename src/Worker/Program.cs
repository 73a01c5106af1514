using RenderFarm.ServiceDefaults;
using RenderFarm.Worker.Bus;
using RenderFarm.Worker.Painting;
using RenderFarm.Worker.Pipeline;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFarmStorage();
builder.AddPainters();
builder.AddPortraitPipeline();
builder.AddWorkerBus();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();

/// <summary>Entry point, visible to tests.</summary>
public partial class Program;
