using System.Net.Http.Headers;

namespace RenderFarm.TestSupport;

/// <summary>The multipart body of POST /api/portraits, as a browser sends it.</summary>
public static class PhotoForm
{
    public static MultipartFormDataContent Create(byte[] photo, string fileName = "photo.jpg", string? style = null, bool? listed = null)
    {
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "photo", fileName } };
        if (style is not null) form.Add(new StringContent(style), "style");
        if (listed is not null) form.Add(new StringContent(listed.Value ? "true" : "false"), "listed");
        return form;
    }

    public static MultipartFormDataContent FromFile(string path, string? style = null, bool? listed = null) =>
        Create(File.ReadAllBytes(path), Path.GetFileName(path), style, listed);
}
