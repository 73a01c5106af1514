using RenderFarm.Farm.Gallery;
using RenderFarm.Farm.Storage;
using RenderFarm.Gallery.Feed;
using RenderFarm.Gallery.Operations;
using RenderFarm.Gallery.Site;
using RenderFarm.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.Services.AddFarmApiDocs();
builder.AddFarmStorage();
builder.AddGalleryStore();
builder.AddGalleryFeed();
builder.AddGalleryCors();
builder.AddGalleryOperations();

var app = builder.Build();

app.UseTrustedProxies();
app.UseExceptionHandler();
app.UseSitePolicies();
app.UseCors();
app.MapDefaultEndpoints();
app.MapFarmApiDocs();
app.MapGalleryApi();
app.MapGalleryImages();
app.MapGalleryTakedown();
app.MapGalleryWall();
app.MapGalleryOperations();

app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
