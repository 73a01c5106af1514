using RenderFarm.Farm.Painters;
using RenderFarm.TestSupport;
using RenderFarm.Worker.Commands;
using RenderFarm.Worker.Faces;
using RenderFarm.Worker.Imaging;
using RenderFarm.Worker.Pipeline;

namespace RenderFarm.PortraitQuality;

/// <summary>
/// Paints the shared test faces through the farm's own studio (decode → frame → cut out → paint → tone → WebP) on the
/// CPU and measures each portrait: face still found by UltraFace, where, likeness (faceres), skin lightness shift,
/// grey SSIM against the framed photo, and stage times.
/// </summary>
public sealed class QualityRun : IDisposable
{
    /// <summary>The shared faces: light and dark skin, a grey profile, a tiny old photo, small faces far away.</summary>
    public static readonly string[] Faces = ["astronaut.png", "kodim04.png", "hopper.jpg", "camera.png", "kodim18.png", "kodim12.png"];

    readonly IHost host;
    readonly PortraitStudio studio;
    readonly FaceDetector detector;
    readonly SourceDecoder decoder;
    readonly FaceLikeness likeness = new();

    public QualityRun(string? manifest = null)
    {
        host = StudioHost.Build(manifest ?? SharedData.RepoManifest, [SharedData.RepoModels, SharedData.Models, SharedData.Styles], "cpu");
        studio = host.Services.GetRequiredService<PortraitStudio>();
        detector = host.Services.GetRequiredService<FaceDetector>();
        decoder = host.Services.GetRequiredService<SourceDecoder>();
        var framer = host.Services.GetRequiredService<PortraitFramer>();
        Catalog = host.Services.GetRequiredService<PainterCatalog>();
        Sitters = Faces.Select(name =>
        {
            var bytes = File.ReadAllBytes(SharedData.Face(name));
            var photo = decoder.Decode(bytes);
            var framed = framer.Frame(photo, detector.Detect(photo));
            return new Sitter(Path.GetFileNameWithoutExtension(name), bytes, framed.Image,
                framed.Face ?? throw new InvalidDataException($"{name}: the detector finds no face to measure"));
        }).ToList();
    }

    public PainterCatalog Catalog { get; }

    public IReadOnlyList<Sitter> Sitters { get; }

    /// <summary>Every style this deployment offers its users (the benchmark's simulated GPU is not one).</summary>
    public IEnumerable<PainterDescriptor> Styles => Catalog.Painters.Where(p => !p.IsExternal);

    public async Task<StyleQuality> MeasureAsync(PainterDescriptor style, Action<Sitter, RgbaImage>? painted = null)
    {
        var results = new List<FaceResult>();
        foreach (var sitter in Sitters)
        {
            var stages = new StageTimer();
            var result = await studio.PaintAsync(sitter.Photo, style.Name, stages, CancellationToken.None);
            var painting = decoder.Decode(result.Painting.Image);
            painted?.Invoke(sitter, painting);
            var face = sitter.Face;
            // The sitter's face, not some other face-like patch: the nearest face whose centre falls inside the photo's face box.
            var found = detector.Detect(painting)
                .Where(f => f.CentreX >= face.X1 && f.CentreX <= face.X2 && f.CentreY >= face.Y1 && f.CentreY <= face.Y2)
                .OrderBy(f => Distance(f, face)).FirstOrDefault();
            results.Add(new FaceResult(
                sitter.Name,
                found is not null,
                found is null ? double.NaN : Distance(found, face) / face.Width,
                likeness.Between(sitter.Framed, painting, face),
                PortraitMeasures.FaceLightness(painting, face) - PortraitMeasures.FaceLightness(sitter.Framed, face),
                PortraitMeasures.GreySsim(sitter.Framed, painting),
                stages.TimingsMs));
        }
        return new StyleQuality(style.Name, style.Medium, style.Attribution, results);
    }

    static double Distance(FaceBox a, FaceBox b) => Math.Sqrt(Math.Pow(a.CentreX - b.CentreX, 2) + Math.Pow(a.CentreY - b.CentreY, 2));

    public void Dispose()
    {
        likeness.Dispose();
        host.Dispose();
    }
}
