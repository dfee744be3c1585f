using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Http;

namespace ServiceMark.Web.Infrastructure.Excel;

/// <summary>The HTTP side shared by every Excel import: read the multipart file, run the import, report rows.</summary>
public static class ImportEndpoint
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IResult> HandleAsync(HttpRequest request, Func<Stream, Task<ImportReport>> import, CancellationToken ct)
    {
        var upload = await UploadForm.ReadAsync(request, ExcelRows.MaxFileBytes, "Send multipart/form-data with an .xlsx file in the field 'file'.", ct);
        if (upload.Problem is not null)
        {
            return upload.Problem;
        }

        var file = upload.File!;
        await using var stream = file.OpenReadStream();
        var report = await import(stream);
        return report.Succeeded
            ? Results.Ok(report)
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file has errors; nothing was imported.",
                extensions: new Dictionary<string, object?> { ["code"] = "import_rows_invalid", ["rows"] = report.Errors });
    }

    public static IResult Template(byte[] workbook, string fileName) => Results.File(workbook, XlsxContentType, fileName);

    /// <summary>In the OpenAPI document: the import's report (its row errors come as a 400 problem with <c>rows</c>).</summary>
    public static RouteHandlerBuilder ProducesImportReport(this RouteHandlerBuilder endpoint) => endpoint.Produces<ImportReport>(StatusCodes.Status200OK);

    /// <summary>In the OpenAPI document: a file download of these content types (a binary body).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder endpoint, string contentType, params string[] more) =>
        endpoint.Produces<Stream>(StatusCodes.Status200OK, contentType, more);

    /// <summary>In the OpenAPI document: an Excel workbook download.</summary>
    public static RouteHandlerBuilder ProducesWorkbook(this RouteHandlerBuilder endpoint) => endpoint.ProducesFile(XlsxContentType);
}
