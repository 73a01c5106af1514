using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RenderFarm.Contracts;
using RenderFarm.Farm.Jobs;
using RenderFarm.Farm.Painters;
using RenderFarm.Gateway.Uploads;
using RenderFarm.Gateway.Webhooks;
using RenderFarm.ServiceDefaults;

namespace RenderFarm.Gateway.Portraits;

/// <summary>
/// Reads POST /api/portraits' multipart form: the photo (size, then header, pixels and data checked by the
/// <see cref="UploadInspector"/>), the style, the listed flag and an optional webhook (callback URL). Anything wrong is a coded 4xx, and nothing is kept.
/// </summary>
public sealed class PortraitFormReader(UploadInspector inspector, InspectionSlots slots, PainterCatalog painters, IOptions<FormOptions> form,
    IOptions<WebhookOptions> webhooks)
{
    public async Task<(PortraitRequest? Request, CodedProblem? Refusal)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile, "Send the photo as multipart/form-data in the field \"photo\".");

        IFormCollection fields;
        try
        {
            fields = await request.ReadFormAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Refuse(inspector.TooLarge());
        }
        // A stalled body: Kestrel's minimum data rate (AddServerLimits). A body still trickling in when the upload's
        // own time runs out cannot be answered: Kestrel resets a connection whose body read was canceled.
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return Refuse(StatusCodes.Status408RequestTimeout, ErrorCodes.RequestTimeout, "The photo arrived too slowly; try again on a better connection.");
        }
        catch (InvalidDataException) when (request.ContentLength > form.Value.MultipartBodyLengthLimit)
        {
            return Refuse(inspector.TooLarge());
        }
        catch (InvalidDataException ex)
        {
            // The reader's own words ("Multipart header length limit 16384 exceeded."): about the framing, never the data.
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MalformedForm, $"The multipart form is malformed: {ex.Message}");
        }
        catch (BadHttpRequestException ex)
        {
            return Refuse(ex.StatusCode, ErrorCodes.MalformedForm, "The request body could not be read as a multipart form.");
        }
        catch (IOException)
        {
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MalformedForm, "The multipart form ended before its closing boundary.");
        }

        var photo = fields.Files.GetFile("photo");
        if (photo is null)
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.MissingFile, "No file in the field \"photo\".");

        var style = fields["style"].ToString().Trim().ToLowerInvariant();
        if (style.Length == 0) style = StyleNames.Auto;
        if (style != StyleNames.Auto && !painters.Contains(style))
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.UnknownStyle,
                $"Unknown style \"{(style.Length <= 40 ? style : style[..40])}\"; GET /api/styles lists the styles.");

        if (!TryParseListed(fields["listed"].ToString(), out var listed))
            return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidField, "\"listed\" must be true or false.");

        Uri? webhook = null;
        if (fields["webhook"].ToString().Trim() is { Length: > 0 } callback)
        {
            if (!webhooks.Value.Enabled)
                return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.WebhooksDisabled, "This farm sends no webhooks; poll GET /api/portraits/{id} or its events.");
            var (url, problem) = CallbackAddresses.Check(callback, webhooks.Value.AllowPrivateAddresses);
            if (url is null)
                return Refuse(StatusCodes.Status400BadRequest, ErrorCodes.InvalidWebhook, problem!);
            webhook = url;
        }

        if (inspector.CheckSize(photo.Length) is { } sizeProblem)
            return Refuse(sizeProblem);

        // The photo comes into memory and is decoded only inside a slot: how many do so at once is bounded.
        using var slot = await slots.TakeAsync(cancellationToken);
        if (!slot.IsAcquired)
            return Refuse(new UploadRejection(StatusCodes.Status503ServiceUnavailable, ErrorCodes.ServerBusy,
                "This server is checking as many photos as it can; try again in a moment."), TimeSpan.FromSeconds(2));
        var bytes = new byte[photo.Length];
        await using (var stream = photo.OpenReadStream())
            await stream.ReadExactlyAsync(bytes, cancellationToken);

        var (image, rejection) = inspector.Inspect(bytes);
        return rejection is not null ? Refuse(rejection) : (new PortraitRequest(image!, style, listed, webhook), null);
    }

    static (PortraitRequest?, CodedProblem?) Refuse(int status, string code, string message) =>
        (null, ProblemResults.Problem(status, code, message));

    static (PortraitRequest?, CodedProblem?) Refuse(UploadRejection rejection, TimeSpan? retryAfter = null)
    {
        JobMetrics.RecordRefused(rejection.Code);
        return (null, ProblemResults.Problem(rejection.Status, rejection.Code, rejection.Message, retryAfter));
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
