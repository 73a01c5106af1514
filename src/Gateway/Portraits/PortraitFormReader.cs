using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Uploads;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Reads POST /api/portraits' multipart form: the photo (size, then header, pixels and data checked by the
/// <see cref="UploadInspector"/>), the style and the listed flag. Anything wrong is a coded 4xx, and nothing is kept.
/// </summary>
public sealed class PortraitFormReader(UploadInspector inspector, PainterCatalog painters)
{
    public async Task<(PortraitRequest? Request, CodedProblem? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile, "Send the photo as multipart/form-data in the field \"photo\".");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(inspector.TooLarge());
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(inspector.TooLarge());
        }
        catch (InvalidDataException)
        {
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "The form data is malformed.");
        }

        var photo = form.Files.GetFile("photo");
        if (photo is null)
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile, "No file in the field \"photo\".");

        var style = form["style"].ToString().Trim().ToLowerInvariant();
        if (style.Length == 0) style = StyleNames.Auto;
        if (style != StyleNames.Auto && !painters.Contains(style))
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.UnknownStyle,
                $"Unknown style \"{(style.Length <= 40 ? style : style[..40])}\"; GET /api/styles lists the styles.");

        if (!TryParseListed(form["listed"].ToString(), out var listed))
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "\"listed\" must be true or false.");

        if (inspector.CheckSize(photo.Length) is { } sizeProblem)
            return Refuse(sizeProblem);

        var bytes = new byte[photo.Length];
        await using (var stream = photo.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, cancellationToken);

        var (image, rejection) = inspector.Inspect(bytes);
        return rejection is not null ? Refuse(rejection) : (new PortraitRequest(image!, style, listed), null);
    }

    static (PortraitRequest?, CodedProblem?) Refuse(int status, string code, string message) =>
        (null, ProblemResults.Problem(status, code, message));

    static (PortraitRequest?, CodedProblem?) Refuse(UploadRejection rejection)
    {
        JobMetrics.RecordRefused(rejection.Code);
        return (null, ProblemResults.Problem(rejection.Status, rejection.Code, rejection.Message));
    }

    static bool TryParseListed(string value, out bool listed)
    {
        listed = false;
        switch (value.Trim().ToLowerInvariant())
        {
            case "": case "false": case "0": case "off": return true;
            case "true": case "1": case "on": listed = true; return true;
            default: return false;
        }
    }
}
