using System.Globalization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Features.Budgets;

/// <summary>
/// Budget against actual in Excel (issue 14 point 10): one row per category and period (each month, quarter and the year)
/// with budget, actual and deviation rate, so finance can filter and pivot it; and the budget grid as set.
/// </summary>
public sealed class BudgetExcel(Budgets budgets, IStringLocalizer<SharedResource> texts)
{
    public async Task<Result<byte[]>> ExportAsync(int year, CancellationToken ct = default)
    {
        var compared = await budgets.CompareAsync(year, ct);
        if (compared.Refusal is { } refused)
        {
            return refused;
        }

        var view = compared.Value!;
        string Category(BudgetComparisonRow row) => row.Category is { } c ? texts[$"BudgetCategory.{c}"] : texts["TicketCost.Total"];
        string Month(int m) => string.Format(CultureInfo.CurrentCulture, texts["Budget.Month"], m);
        string Quarter(int q) => string.Format(CultureInfo.CurrentCulture, texts["Budget.Quarter"], q);
        var (category, period, budget, actual, rate) = (texts["Field.category"].Value, texts["Budget.Period"].Value, texts["Budget.BudgetColumn"].Value,
            texts["Budget.ActualColumn"].Value, texts["Budget.RateColumn"].Value);

        var comparison = view.Rows.Append(view.Total).SelectMany(row =>
            row.Months.Select((cell, i) => (Name: Month(i + 1), Cell: cell))
                .Concat(row.Quarters.Select((cell, i) => (Name: Quarter(i + 1), Cell: cell)))
                .Append((Name: texts["Budget.Year"].Value, Cell: row.Year))
                .Select(p => new Dictionary<string, object?>
                {
                    [category] = Category(row), [period] = p.Name, [budget] = p.Cell.Budget, [actual] = p.Cell.Actual, [rate] = p.Cell.DeviationRate,
                })).ToList();

        var grid = view.Rows.Select(row =>
        {
            var cells = new Dictionary<string, object?> { [category] = Category(row) };
            for (var m = 1; m <= 12; m++)
            {
                cells[Month(m)] = row.Months[m - 1].Budget;
            }

            cells[texts["Budget.Year"].Value] = row.Year.Budget;
            return cells;
        }).ToList();

        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object> { [texts["Budget.Comparison"].Value] = comparison, [texts["Budget.Edit"].Value] = grid };
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }
}
