using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace RenderFarm.ServiceDefaults;

public static class OptionsExtensions
{
    /// <summary>
    /// Binds options from their configuration section, checks their data annotations, and does so while the host
    /// starts: a negative batch size or a zero TTL stops the service with a message naming the setting, instead of
    /// failing the first job that reads it.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class =>
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
