using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Infrastructure.Excel;

/// <summary>The HTTP side shared by every Excel import: read the multipart file, run the import, report rows.</summary>
public static class ImportEndpoint
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IResult> HandleAsync(HttpRequest request, Func<Stream, Task<ImportReport>> import, CancellationToken ct)
    {
        // Read the form by hand so that authorization answers before content negotiation does.
        var file = request.HasFormContentType ? (await request.ReadFormAsync(ct)).Files.GetFile("file") : null;
        if (file is null || file.Length == 0)
        {
            return Problems.From(Refusal.Invalid("file", "required", "Send multipart/form-data with an .xlsx file in the field 'file'."));
        }

        if (file.Length > ExcelRows.MaxFileBytes)
        {
            return Problems.From(Refusal.Invalid("file", "too_large", $"The file must be at most {ExcelRows.MaxFileBytes / 1024 / 1024} MB."));
        }

        await using var stream = file.OpenReadStream();
        var report = await import(stream);
        return report.Succeeded
            ? Results.Ok(report)
            : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The file has errors; nothing was imported.",
                extensions: new Dictionary<string, object?> { ["code"] = "import_rows_invalid", ["rows"] = report.Errors });
    }

    public static IResult Template(byte[] workbook, string fileName) => Results.File(workbook, XlsxContentType, fileName);
}
