using Microsoft.Extensions.Options;
using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Farm.Storage;
using RenderFarm.Farm.Uploads;
using RenderFarm.Gateway.Bus;
using RenderFarm.Gateway.Defences;
using RenderFarm.Gateway.Portraits;
using RenderFarm.Gateway.Site;
using RenderFarm.Gateway.Styles;
using RenderFarm.Gateway.Uploads;
using RenderFarm.Gateway.Webhooks;
using RenderFarm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddFarmApiDocs();
builder.AddFarmStorage();
builder.AddJobRecords();
builder.AddUploadStore();
builder.AddGalleryStore();
builder.AddUploadSweeper();
builder.AddPainterCatalog();
builder.AddStyles();
builder.AddUploadChecks();
builder.AddGatewayBus();
builder.AddWebhooks();
builder.AddPortraitIntake();
builder.AddStatusStreams();
builder.AddClientRateLimits();
builder.AddLoadShedding();
builder.AddServerLimits();

var app = builder.Build();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseSitePolicies(app.Services.GetRequiredService<IOptions<GalleryLinkOptions>>().Value.PublicBaseUrl);
app.UseRequestTimeouts();
app.UseRateLimiter();
app.MapDefaultEndpoints();
app.MapFarmApiDocs();
app.MapPortraitApi();
app.MapStylesApi();
app.MapSiteConfig();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
