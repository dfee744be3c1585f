using System.Security.Claims;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Features.Contracts;

/// <summary>The receivables in Excel (issue 14 point 10): every instalment still owed with its age, as finance chases them.</summary>
public sealed class ReceivablesExcel(ContractReceipts receipts, IStringLocalizer<SharedResource> texts)
{
    /// <summary>At most this many rows: the contracts of a department, not a ledger of years.</summary>
    public const int MaxRows = 10_000;

    public async Task<Result<byte[]>> ExportAsync(bool overdueOnly, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var page = await receipts.ReceivablesAsync(overdueOnly, null, user, 1, MaxRows, ct);
        string T(string key) => texts[key].Value;
        var rows = page.Items.Select(r => new Dictionary<string, object?>
        {
            [T("Contract.Number")] = r.ContractNumber, [T("Field.customer")] = r.CustomerName, [T("Contract.Responsible")] = r.ResponsibleName,
            [T("Contract.Instalment")] = r.Sequence, [T("Contract.DueOn")] = r.DueOn.ToDateTime(TimeOnly.MinValue), [T("Contract.InstalmentAmount")] = r.Amount,
            [T("Contract.Outstanding")] = r.Outstanding, [T("Contract.InvoiceNumber")] = r.InvoiceNumber, [T("Contract.DaysOverdue")] = r.DaysOverdue,
            [T("Contract.Age")] = T($"AgeBucket.{r.Age}"),
        }).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows, sheetName: T("Contract.Receivables"), excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
