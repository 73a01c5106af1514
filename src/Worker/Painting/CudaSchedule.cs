using System.Runtime.InteropServices;

namespace RenderFarm.Worker.Painting;

/// <summary>
/// How a host thread waits for the GPU (the CUDA runtime's device flags, cudaSetDeviceFlags), set before ONNX Runtime's
/// CUDA provider makes its first session. CUDA's own choice ("auto") spins while a process has fewer contexts than the
/// machine has cores, so a thread waiting at the end of an inference holds a core for the whole of the GPU's run; a
/// GPU node's cores are what feed its GPU (issue 15). "block" puts the waiting thread to sleep until the GPU is done
/// (a wake-up costs microseconds against runs of milliseconds); "spin" forces CUDA's spinning; "yield" spins yielding.
/// The flags belong to the process's CUDA runtime, the one the provider loads (libcudart.so.13, by the same name).
/// </summary>
public static unsafe class CudaSchedule
{
    public const string Library = "libcudart.so.13";

    /// <summary>cudaDeviceScheduleSpin, cudaDeviceScheduleYield, cudaDeviceScheduleBlockingSync.</summary>
    public static uint FlagsOf(string mode) => mode switch
    {
        "spin" => 0x01,
        "yield" => 0x02,
        "block" => 0x04,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "auto leaves CUDA's own choice; spin, yield or block set one"),
    };

    /// <summary>
    /// Sets the device's schedule: null where it was set; else why not. A missing runtime is <see cref="RuntimeMissing"/>:
    /// then CUDA's provider cannot load either, and says so itself.
    /// </summary>
    public static string? TrySet(int deviceId, string mode)
    {
        if (!NativeLibrary.TryLoad(Library, typeof(CudaSchedule).Assembly, null, out var library))
            return RuntimeMissing;
        var setDevice = (delegate* unmanaged<int, int>)NativeLibrary.GetExport(library, "cudaSetDevice");
        var setDeviceFlags = (delegate* unmanaged<uint, int>)NativeLibrary.GetExport(library, "cudaSetDeviceFlags");
        var error = setDevice(deviceId);
        if (error == 0) error = setDeviceFlags(FlagsOf(mode));
        return error == 0 ? null : $"CUDA error {error}";
    }

    /// <summary>What <see cref="TrySet"/> answers where the CUDA runtime is not on this machine.</summary>
    public const string RuntimeMissing = Library + " could not be loaded";
}
