using Microsoft.AspNetCore.Http.Features;

namespace ServiceMark.Web.Infrastructure.Http;

/// <summary>A multipart form read for an upload: the form and its <c>file</c>, or the problem to answer instead.</summary>
public sealed record UploadRead(IFormCollection? Form, IFormFile? File, IResult? Problem);

/// <summary>
/// The one way every upload endpoint reads its multipart form (attachments and the Excel imports). A body that cannot be
/// read — a boundary that does not match, a body cut off — is a 400 naming <c>file</c> (it was an IOException and a 500);
/// a body or file over the endpoint's limit is a 413. The form is read by hand so that authorization answers first.
/// </summary>
public static class UploadForm
{
    public const string FileField = "file";

    /// <summary>Room for the other form fields and the multipart headers around the file.</summary>
    private const long FormOverheadBytes = 64 * 1024;

    public static async Task<UploadRead> ReadAsync(HttpRequest request, long maxFileBytes, string missingMessage, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Failed(BadFile("required", missingMessage));
        }

        var limit = maxFileBytes + FormOverheadBytes;
        if (request.ContentLength > limit)
        {
            return Failed(TooLarge(maxFileBytes));
        }

        // The endpoint's own limit, not the server-wide default (128 MB form, 30 MB body): nothing larger is buffered.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize &&
            (bodySize.MaxRequestBodySize is null || bodySize.MaxRequestBodySize > limit))
        {
            bodySize.MaxRequestBodySize = limit;
        }

        if (request.HttpContext.Features.Get<IFormFeature>()?.Form is null)
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Failed(TooLarge(maxFileBytes));
        }
        catch (InvalidDataException e) when (e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            // FormOptions' limits ("Multipart body length limit … exceeded") when the length was not announced up front.
            return Failed(TooLarge(maxFileBytes));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Failed(BadFile("unreadable", "The multipart body could not be read (a boundary that does not match, or a body cut off). Send the file again."));
        }

        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0)
        {
            return new UploadRead(form, null, BadFile("required", missingMessage));
        }

        return file.Length > maxFileBytes ? new UploadRead(form, file, TooLarge(maxFileBytes)) : new UploadRead(form, file, null);
    }

    private static UploadRead Failed(IResult problem) => new(null, null, problem);

    private static IResult BadFile(string code, string message) =>
        TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { [FileField] = [message] },
            detail: message,
            title: "Validation failed",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "validation",
                ["errorCodes"] = new Dictionary<string, string[]> { [FileField] = [code] },
            });

    public static IResult TooLarge(long maxFileBytes)
    {
        var message = $"The file must be at most {maxFileBytes / 1024 / 1024} MB.";
        return TypedResults.Problem(
            detail: message,
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The file is too large.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = "too_large",
                ["field"] = FileField,
                ["errors"] = new Dictionary<string, string[]> { [FileField] = [message] },
            });
    }
}
