using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Uploads;

public static class UploadExtensions
{
    /// <summary>
    /// Upload limits, bound from "Uploads", also applied to Kestrel and the form reader; the bounded checking slots;
    /// the folder buffered bodies go to, cleared of dead processes' files.
    /// </summary>
    public static WebApplicationBuilder AddUploadChecks(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<UploadOptions>(UploadOptions.Section);
        builder.Services.AddSingleton<UploadInspector>();
        builder.Services.AddSingleton<InspectionSlots>();
        UploadTempFolder.Prepare();

        // The body may carry the photo plus a few small form fields; anything bigger is refused while streaming.
        builder.Services.AddOptions<FormOptions>().Configure<IOptions<UploadOptions>>((form, uploads) =>
            form.MultipartBodyLengthLimit = uploads.Value.MaxBytes + FormOverheadBytes);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            var maxBytes = context.Configuration.GetValue<long?>($"{UploadOptions.Section}:{nameof(UploadOptions.MaxBytes)}")
                           ?? new UploadOptions().MaxBytes;
            kestrel.Limits.MaxRequestBodySize = maxBytes + FormOverheadBytes;
        });
        return builder;
    }

    const long FormOverheadBytes = 64 * 1024;
}
