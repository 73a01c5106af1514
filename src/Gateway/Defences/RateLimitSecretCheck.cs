using Microsoft.Extensions.Options;

namespace RenderFarm.Gateway.Defences;

/// <summary>
/// Refuses to start a Production Gateway whose client keys would be made with the secret that ships in the code: anyone
/// could then work out which address a rate-limit key belongs to.
/// </summary>
public sealed class RateLimitSecretCheck(IHostEnvironment environment) : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options) =>
        environment.IsProduction() && options.ClientKeySecret == RateLimitOptions.BuiltInSecret
            ? ValidateOptionsResult.Fail("RateLimiting:ClientKeySecret is the built-in value; set a secret of the deployment's own (deploy/k8s secrets)")
            : ValidateOptionsResult.Success;
}
