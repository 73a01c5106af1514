using System.Globalization;

namespace RenderFarm.Worker.Pipeline;

/// <summary>
/// The one word auto style reads a photo as, from <see cref="PhotoFeatures"/>, with the reason in words. Rules are
/// tried in order and the first that holds wins; each artwork in the manifest lists the characters it suits.
/// </summary>
public static class PhotoCharacter
{
    public const string Monochrome = "monochrome";
    public const string Group = "group";
    public const string Chiaroscuro = "chiaroscuro";
    public const string LowKey = "low-key";
    public const string CloseUp = "close-up";
    public const string BusyBackground = "busy-background";
    public const string BrightColour = "bright-colour";
    public const string DeepColour = "deep-colour";
    public const string Soft = "soft";

    public static readonly string[] All = [Monochrome, Group, Chiaroscuro, LowKey, CloseUp, BusyBackground, BrightColour, DeepColour, Soft];

    /// <summary>Colourfulness below this is a black-and-white or sepia photo (Hasler–Süsstrunk: 15 is "slightly colourful").</summary>
    public const double MonochromeBelow = 12;
    /// <summary>One half of the face this much lighter (L*) than the other: light from one side, as Rembrandt painted it.</summary>
    public const double SideLightFrom = 12;
    /// <summary>A scene (the frame around the face) darker than this on average is a low-key photo.</summary>
    public const double LowKeyBelow = 0.3;
    /// <summary>A face box covering this much of the head-and-shoulders frame: the framer could not step back.</summary>
    public const double CloseUpFrom = 0.22;
    /// <summary>Mean luminance gradient of the surroundings above this: a busy room or street.</summary>
    public const double BusyFrom = 0.06;
    /// <summary>Colourful (Hasler–Süsstrunk "moderately" is 33); bright from this scene light up, deep below it.</summary>
    public const double ColourfulFrom = 30, BrightFrom = 0.4;

    public static (string Character, string Because) Read(PhotoFeatures f)
    {
        var c = F0(f.Colourfulness);
        if (f.Colourfulness < MonochromeBelow)
            return (Monochrome, $"a near-monochrome photo (colourfulness {c})");
        if (f.Faces >= 2)
            return (Group, $"several people in the photo ({f.Faces} faces)");
        if (f.SideLight >= SideLightFrom)
            return (Chiaroscuro, $"strong light from one side of the face (one half {F0(f.SideLight)} L* lighter)");
        if (f.Key < LowKeyBelow)
            return (LowKey, $"a dark, low-key scene (mean light around the face {F2(f.Key)})");
        if (f.FaceFill >= CloseUpFrom)
            return (CloseUp, $"a close-up: the face fills {F0(f.FaceFill * 100)}% of the frame");
        if (f.BackgroundBusy >= BusyFrom)
            return (BusyBackground, $"a busy background (edge density {F2(f.BackgroundBusy)}), left as bare paper");
        if (f.Colourfulness >= ColourfulFrom)
            return f.Key >= BrightFrom
                ? (BrightColour, $"a bright, colourful photo (colourfulness {c}, light {F2(f.Key)})")
                : (DeepColour, $"deep colour in a dim light (colourfulness {c}, light {F2(f.Key)})");
        return (Soft, $"soft light and quiet colour (colourfulness {c}, light {F2(f.Key)})");
    }

    static string F0(double v) => v.ToString("F0", CultureInfo.InvariantCulture);
    static string F2(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}
