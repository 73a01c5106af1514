using RenderFarm.Worker.Imaging;
using SkiaSharp;

namespace RenderFarm.Worker.Commands;

/// <summary>A grid of portraits with a two-line label over each column, written as PNG.</summary>
public static class ContactSheet
{
    const int Gap = 4, LabelHeight = 30;

    /// <param name="path"></param>

    /// <param name="columns"></param>    /// <param name="rows">One list of images per row, one image per column.</param>
    /// <param name="cellWidth"></param>
    /// <param name="cellHeight"></param>
    public static void Write(string path, IReadOnlyList<(string Title, string Subtitle)> columns, IReadOnlyList<IReadOnlyList<RgbaImage>> rows,
        int cellWidth = 144, int cellHeight = 180)
    {
        var info = new SKImageInfo(columns.Count * (cellWidth + Gap) + Gap, rows.Count * (cellHeight + Gap) + Gap + LabelHeight);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xF4, 0xF1, 0xEA));
        using var font = new SKFont(SKTypeface.Default, 11);
        using var ink = new SKPaint { Color = new SKColor(0x33, 0x2E, 0x28), IsAntialias = true };
        for (var c = 0; c < columns.Count; c++)
        {
            var x = Gap + c * (cellWidth + Gap) + 2;
            canvas.DrawText(columns[c].Title, x, 12, font, ink);
            canvas.DrawText(columns[c].Subtitle, x, 25, font, ink);
        }
        for (var r = 0; r < rows.Count; r++)
            for (var c = 0; c < rows[r].Count; c++)
            {
                var cell = rows[r][c];
                using var image = SKImage.FromPixelCopy(new SKImageInfo(cell.Width, cell.Height, SKColorType.Rgba8888, SKAlphaType.Opaque), cell.Pixels);
                canvas.DrawImage(image, SKRect.Create(Gap + c * (cellWidth + Gap), LabelHeight + Gap + r * (cellHeight + Gap), cellWidth, cellHeight),
                    new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, png.ToArray());
    }
}
