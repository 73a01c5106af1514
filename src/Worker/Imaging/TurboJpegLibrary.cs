using System.Runtime.InteropServices;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// The system's libjpeg-turbo through its TurboJPEG API (libturbojpeg.so.0; Debian's libturbojpeg0, Ubuntu's
/// libturbojpeg), which is built with its SIMD code. Only the functions of a compression and a decompression are
/// bound, through function pointers, so that a worker without the library is told so at start instead of at its first
/// job. The TurboJPEG 2 functions are used: libjpeg-turbo 3 keeps them.
/// </summary>
public sealed unsafe class TurboJpegLibrary
{
    /// <summary>The library's soname on Debian and Ubuntu.</summary>
    public const string DefaultName = "libturbojpeg.so.0";

    readonly delegate* unmanaged<nint> initCompress;
    readonly delegate* unmanaged<nint, byte*, int, int, int, int, byte**, nuint*, int, int, int, int> compress2;
    readonly delegate* unmanaged<byte*, void> free;
    readonly delegate* unmanaged<nint, int> destroy;
    readonly delegate* unmanaged<nint, byte*> errorString;
    readonly delegate* unmanaged<nint> initDecompress;
    readonly delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int> decompressHeader3;
    readonly delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int> decompress2;

    TurboJpegLibrary(nint library)
    {
        initCompress = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitCompress");
        compress2 = (delegate* unmanaged<nint, byte*, int, int, int, int, byte**, nuint*, int, int, int, int>)NativeLibrary.GetExport(library, "tjCompress2");
        free = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(library, "tjFree");
        destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
        errorString = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "tjGetErrorStr2");
        initDecompress = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitDecompress");
        decompressHeader3 = (delegate* unmanaged<nint, byte*, nuint, int*, int*, int*, int*, int>)NativeLibrary.GetExport(library, "tjDecompressHeader3");
        decompress2 = (delegate* unmanaged<nint, byte*, nuint, byte*, int, int, int, int, int, int>)NativeLibrary.GetExport(library, "tjDecompress2");
    }

    /// <summary>Loads the library, or says why it cannot.</summary>
    public static bool TryLoad(string name, out TurboJpegLibrary? library, out string? reason)
    {
        (library, reason) = (null, null);
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            reason = $"{name} was not found";
            return false;
        }
        try
        {
            library = new TurboJpegLibrary(handle);
            return true;
        }
        catch (EntryPointNotFoundException ex)
        {
            reason = $"{name} lacks the TurboJPEG API: {ex.Message}";
            return false;
        }
    }

    const int PixelFormatRgba = 7; // TJPF_RGBA
    const int Subsampling420 = 2; // TJSAMP_420
    const int ColourspaceCmyk = 3, ColourspaceYcck = 4; // TJCS_CMYK, TJCS_YCCK
    // TJFLAG_STOPONWARNING: a file libjpeg warns about is given up at the first warning (Skia then decides), not decoded
    // to the end first. TJFLAG_LIMITSCANS: a progressive file with an absurd number of scans (a known way to burn a
    // decoder's CPU) is given up too.
    const int StopOnWarning = 8192, LimitScans = 32768;

    /// <summary>Encodes tightly packed RGBA (alpha ignored) as a baseline 4:2:0 JPEG with a JFIF header only.</summary>
    public byte[] CompressRgba(ReadOnlySpan<byte> pixels, int width, int height, int quality)
    {
        if (pixels.Length != width * height * 4)
            throw new ArgumentException($"{pixels.Length} bytes are not {width}×{height} RGBA pixels.", nameof(pixels));
        var handle = initCompress();
        if (handle == 0) throw new InvalidOperationException("tjInitCompress failed.");
        byte* jpeg = null;
        try
        {
            nuint size = 0;
            int result;
            fixed (byte* source = pixels)
                result = compress2(handle, source, width, width * 4, height, PixelFormatRgba, &jpeg, &size, Subsampling420, quality, 0);
            if (result != 0)
                throw new InvalidOperationException($"libjpeg-turbo could not encode the image: {Error(handle)}");
            return new ReadOnlySpan<byte>(jpeg, checked((int)size)).ToArray();
        }
        finally
        {
            if (jpeg != null) free(jpeg);
            destroy(handle);
        }
    }

    /// <summary>
    /// Decodes a JPEG into <paramref name="destination"/> (tightly packed RGBA, alpha 255) at width × height, which must
    /// be the JPEG's size or its 1/2, 1/4 or 1/8 rounded up: libjpeg-turbo scales in the IDCT. Returns false for a file
    /// it does not decode cleanly: CMYK or YCCK (it cannot turn them into RGB), and any file it warns about or fails
    /// on — truncated, damaged, or a camera's stray bytes before the end marker, which libjpeg only warns about. The
    /// caller then lets Skia decide, so that a photo Skia decoded before decodes still, and a broken one still fails.
    /// </summary>
    public bool TryDecompressRgba(ReadOnlySpan<byte> jpeg, int width, int height, Span<byte> destination)
    {
        if (destination.Length != width * height * 4)
            throw new ArgumentException($"{destination.Length} bytes are not {width}×{height} RGBA pixels.", nameof(destination));
        var handle = initDecompress();
        if (handle == 0) throw new InvalidOperationException("tjInitDecompress failed.");
        try
        {
            fixed (byte* source = jpeg)
            fixed (byte* target = destination)
            {
                int fullWidth, fullHeight, subsampling, colourspace;
                if (decompressHeader3(handle, source, (nuint)jpeg.Length, &fullWidth, &fullHeight, &subsampling, &colourspace) != 0)
                    return false;
                if (colourspace is ColourspaceCmyk or ColourspaceYcck) return false;
                if (!IsNativeScale(fullWidth, fullHeight, width, height))
                    throw new ArgumentException($"{width}×{height} is not {fullWidth}×{fullHeight} at 1/1, 1/2, 1/4 or 1/8.");
                return decompress2(handle, source, (nuint)jpeg.Length, target, width, width * 4, height, PixelFormatRgba, StopOnWarning | LimitScans) == 0;
            }
        }
        finally
        {
            destroy(handle);
        }
    }

    // TurboJPEG takes the largest of its scaling factors that fits in width × height; these sizes are the ones where
    // that factor is exactly 1/1, 1/2, 1/4 or 1/8, as Skia's scaled JPEG decode gives them.
    static bool IsNativeScale(int fullWidth, int fullHeight, int width, int height)
    {
        for (var d = 1; d <= 8; d *= 2)
            if ((fullWidth + d - 1) / d == width && (fullHeight + d - 1) / d == height) return true;
        return false;
    }

    string Error(nint handle) => Marshal.PtrToStringUTF8((nint)errorString(handle)) ?? "no message";
}
