using System.Runtime.InteropServices;

namespace RenderFarm.Worker.Scheduling;

/// <summary>
/// Lowers the calling thread's scheduling priority (Linux keeps a nice value per thread). Raising it back needs
/// CAP_SYS_NICE, which a worker never has, so only threads that stay low for life call this.
/// </summary>
public static partial class ThreadNice
{
    const int PriorityProcess = 0; // PRIO_PROCESS: with a thread id, one thread

    /// <summary>Sets this thread's nice value; false where the OS does not allow it or is not Linux.</summary>
    public static bool TryLower(int nice)
    {
        if (nice <= 0 || !OperatingSystem.IsLinux()) return false;
        return SetPriority(PriorityProcess, GetThreadId(), Math.Min(nice, 19)) == 0;
    }

    /// <summary>This thread's nice value (0 where it cannot be read).</summary>
    public static int Current()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        Marshal.SetLastPInvokeError(0);
        var nice = GetPriority(PriorityProcess, GetThreadId());
        return Marshal.GetLastPInvokeError() == 0 ? nice : 0;
    }

    [LibraryImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "getpriority", SetLastError = true)]
    private static partial int GetPriority(int which, int who);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
