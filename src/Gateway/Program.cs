using RenderFarm.Gateway.Bus;
using RenderFarm.Gateway.Portraits;
using RenderFarm.Gateway.Styles;
using RenderFarm.Gateway.Uploads;
using RenderFarm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddFarmStorage();
builder.AddPainterCatalog();
builder.AddUploadChecks();
builder.AddGatewayBus();
builder.AddPortraitIntake();

var app = builder.Build();

app.UseExceptionHandler();
app.MapDefaultEndpoints();
app.MapPortraitApi();
app.MapStylesApi();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
