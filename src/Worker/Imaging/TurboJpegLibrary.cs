using System.Runtime.InteropServices;

namespace RenderFarm.Worker.Imaging;

/// <summary>
/// The system's libjpeg-turbo through its TurboJPEG API (libturbojpeg.so.0; Debian's libturbojpeg0, Ubuntu's
/// libturbojpeg), which is built with its SIMD code. Only the five functions of a compression are bound, through
/// function pointers, so that a worker without the library is told so at start instead of at its first job. The
/// TurboJPEG 2 functions are used: libjpeg-turbo 3 keeps them.
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

    TurboJpegLibrary(nint library)
    {
        initCompress = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "tjInitCompress");
        compress2 = (delegate* unmanaged<nint, byte*, int, int, int, int, byte**, nuint*, int, int, int, int>)NativeLibrary.GetExport(library, "tjCompress2");
        free = (delegate* unmanaged<byte*, void>)NativeLibrary.GetExport(library, "tjFree");
        destroy = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "tjDestroy");
        errorString = (delegate* unmanaged<nint, byte*>)NativeLibrary.GetExport(library, "tjGetErrorStr2");
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
                throw new InvalidOperationException($"libjpeg-turbo could not encode the image: {Marshal.PtrToStringUTF8((nint)errorString(handle))}");
            return new ReadOnlySpan<byte>(jpeg, checked((int)size)).ToArray();
        }
        finally
        {
            if (jpeg != null) free(jpeg);
            destroy(handle);
        }
    }
}
