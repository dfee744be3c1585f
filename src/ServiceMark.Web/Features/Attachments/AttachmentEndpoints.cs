using System.Security.Claims;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Errors;
using ServiceMark.Web.Infrastructure.Excel;
using ServiceMark.Web.Infrastructure.Http;

namespace ServiceMark.Web.Features.Attachments;

public static class AttachmentEndpoints
{
    public static IEndpointRouteBuilder MapAttachmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/attachments").WithTags("Attachments").RequireAuthorization();
        group.MapPost("/", async (HttpRequest request, AttachmentStore store, ClaimsPrincipal user, CancellationToken ct) =>
            {
                var upload = await UploadForm.ReadAsync(request, store.MaxBytes, "Send multipart/form-data with ownerType, ownerId and file.", ct);
                if (upload.Problem is not null)
                {
                    return upload.Problem;
                }

                var form = upload.Form!;
                var file = upload.File!;
                var errors = new FieldErrors();
                errors.Required("ownerType", form["ownerType"]);
                if (!int.TryParse(form["ownerId"], out var ownerId) || ownerId <= 0)
                {
                    errors.Add("ownerId", "required", "ownerId must be a positive number.");
                }

                if (errors.Any)
                {
                    return Problems.From(errors.ToRefusal());
                }

                await using var stream = file.OpenReadStream();
                return (await store.UploadAsync(form["ownerType"]!, ownerId, file.FileName, stream, user, ct))
                    .ToHttp(a => TypedResults.Created($"/api/v1/attachments/{a.Id}", a));
            })
            .Produces<AttachmentView>(StatusCodes.Status201Created).WithName("UploadAttachment").DisableAntiforgery();
        group.MapGet("/", async (string ownerType, int ownerId, AttachmentStore store, ClaimsPrincipal user, CancellationToken ct) =>
                Problems.OkOrNotFound(await store.ListAsync(ownerType, ownerId, user, ct), "Record"))
            .WithName("ListAttachments");
        group.MapGet("/{id}", async (string id, AttachmentStore store, ClaimsPrincipal user, HttpResponse response, CancellationToken ct) =>
            {
                if (await store.OpenAsync(id, user, ct) is not { } found)
                {
                    return Problems.From(Refusal.NotFound("Attachment"));
                }

                response.Headers.CacheControl = "private, no-store";
                return FileTypes.IsInline(found.View.ContentType)
                    ? Results.File(found.Data, found.View.ContentType)
                    : Results.File(found.Data, found.View.ContentType, found.View.FileName);
            })
            .ProducesFile("image/jpeg", "image/png", "application/pdf", ImportEndpoint.XlsxContentType).WithName("DownloadAttachment");
        return app;
    }
}
