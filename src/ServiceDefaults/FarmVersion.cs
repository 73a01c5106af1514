using System.Reflection;

namespace RenderFarm.ServiceDefaults;

/// <summary>The farm's release (Directory.Build.props &lt;Version&gt;), as stamped into this assembly.</summary>
public static class FarmVersion
{
    /// <summary>"0.9.0": the informational version without the source-revision suffix the SDK appends.</summary>
    public static string Current { get; } =
        (typeof(FarmVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
