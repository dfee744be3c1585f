using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>A cost summary in Excel (issue 14 point 10): every group of the period on one sheet, then the total, in the reader's language.</summary>
public sealed class CostSummaryExcel(CostSummaries summaries, IStringLocalizer<SharedResource> texts)
{
    public async Task<Result<byte[]>> ExportAsync(DateOnly? from, DateOnly? to, CostGrouping by, CancellationToken ct = default)
    {
        // One page as large as any grouping gets: a customer list of a large department stays within it.
        var summary = await summaries.SummariseAsync(from, to, by, 1, CostSummaries.MaxRows, ct);
        if (summary.Refusal is { } refused)
        {
            return refused;
        }

        var view = summary.Value!;
        string Name(CostSummaryRow row) => by == CostGrouping.FaultCategory && row.Key.Length > 0 ? texts[$"FaultCategory.{row.Key}"] : row.Key.Length == 0 ? texts["Costs.None"] : row.Name;
        var rows = view.Rows.Select(r => Columns(Name(r), r)).Append(Columns(texts["TicketCost.Total"], view.Totals)).ToList();
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object> { [texts["Nav.Costs"].Value] = rows }, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();

        Dictionary<string, object?> Columns(string name, CostSummaryRow r) => new()
        {
            [texts[$"CostGrouping.{by}"].Value] = name, [texts["Costs.Tickets"].Value] = r.Tickets, [texts["TicketCost.Labour"].Value] = r.Labour,
            [texts["TicketCost.Parts"].Value] = r.Parts, [texts["TicketCost.Travel"].Value] = r.Travel, [texts["TicketCost.Compensation"].Value] = r.Compensation,
            [texts["TicketCost.Total"].Value] = r.Total, [texts["Costs.PerTicket"].Value] = r.PerTicket,
        };
    }
}
