using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// A period's results as one workbook (R-RPT-2): the ranked result list with grades and bonuses, the grade distribution
/// per team, and every sheet in the familiar table layout (指标 / 分值 / 评分标准 / 实际值 / 得分 / 证据), one row per indicator.
/// Column headers are Chinese, as the sheets HR files are.
/// </summary>
public sealed class PeriodExport(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The workbook is in Chinese (its column names are the familiar ones), whatever the exporter's UI language.</summary>
    private static readonly System.Globalization.CultureInfo Chinese = System.Globalization.CultureInfo.GetCultureInfo("zh-CN");

    public async Task<Result<(byte[] Workbook, string FileName)>> ExportAsync(int periodId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        var rows = (await PeriodHandlers.RowsAsync(db, period, ct)).Select(r => r.Row).ToList();
        var sheets = await db.AssessmentSheets.AsNoTracking().Where(s => s.PeriodId == periodId).ToDictionaryAsync(s => s.Id, ct);
        var planIds = sheets.Values.Select(s => s.PlanId).Distinct().ToList();
        var standards = (await db.AssessmentPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => ScoringStandards(p.Json));
        var workbook = new Dictionary<string, object>
        {
            ["考核结果"] = rows.Select(r => new Dictionary<string, object?>
            {
                ["部门/班组"] = r.UnitName, ["班组排名"] = r.RankInUnit, ["部门排名"] = r.RankInDepartment, ["工号"] = r.EmployeeNumber, ["姓名"] = r.PersonName,
                ["考核方案"] = $"{r.PlanCode} v{r.PlanVersion}", ["计算得分"] = r.ComputedTotal, ["调整"] = r.Adjustment,
                ["调整原因"] = sheets[r.SheetId].AdjustmentReason, ["总分"] = r.FinalTotal, ["等级"] = r.Grade, ["等级(A–D)"] = r.FivePointGrade,
                ["奖金(元)"] = r.Bonus, ["奖金计算"] = ArithmeticText.Localize(r.BonusArithmetic, Chinese),
            }).ToList(),
            ["等级分布"] = Distribution(rows),
            ["指标明细"] = rows.SelectMany(r => Indicators(r, sheets[r.SheetId], standards[sheets[r.SheetId].PlanId])).ToList(),
        };

        using var stream = new MemoryStream();
        await stream.SaveAsAsync(workbook, excelType: ExcelType.XLSX, cancellationToken: ct);
        return (stream.ToArray(), $"assessment-{period.Period.ToString().Replace(' ', '-')}.xlsx");
    }

    private static List<Dictionary<string, object?>> Distribution(List<SheetRow> rows)
    {
        string[] grades = ["优秀", "良好", "合格", "不合格"];
        Dictionary<string, object?> Line(string unit, IReadOnlyCollection<SheetRow> group)
        {
            var line = new Dictionary<string, object?> { ["部门/班组"] = unit };
            foreach (var g in grades)
            {
                line[g] = group.Count(r => r.Grade == g);
            }

            line["未计分"] = group.Count(r => r.Grade is null);
            line["合计"] = group.Count;
            return line;
        }

        var lines = rows.GroupBy(r => r.UnitName ?? "").OrderBy(g => g.Key).Select(g => Line(g.Key, g.ToList())).ToList();
        lines.Add(Line("合计", rows));
        return lines;
    }

    /// <summary>Each indicator's scoring standard (评分标准) in Chinese, as the plan states it.</summary>
    private static Dictionary<string, string> ScoringStandards(string planJson) =>
        AssessmentPlanJson.Deserialize(planJson).Value?.Categories.SelectMany(c => c.Indicators)
            .ToDictionary(i => i.Code, i => RuleInputs.DescribeZh(i.Rule), StringComparer.Ordinal) ?? [];

    private static readonly System.Resources.ResourceManager Strings = new("ServiceMark.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static IEnumerable<Dictionary<string, object?>> Indicators(SheetRow row, AssessmentSheet sheet, Dictionary<string, string> standards)
    {
        var stored = PeriodScoring.Read(sheet);
        if (stored?.FromQuarters is { } annual)
        {
            // An annual result of quarterly staff: its evidence is the quarters, one line each.
            foreach (var q in annual.Quarters)
            {
                yield return new Dictionary<string, object?>
                {
                    ["工号"] = row.EmployeeNumber, ["姓名"] = row.PersonName, ["类别"] = "年度结果（季度平均）", ["指标"] = $"{row.PeriodName} Q{q.Quarter}",
                    ["分值"] = 100m, ["评分标准"] = "已公示季度总分的算术平均", ["实际值"] = q.Total, ["得分"] = q.Total,
                    ["计算过程"] = ArithmeticText.Localize(annual.Arithmetic, Chinese),
                    ["证据"] = q.Missing is { } missing ? Strings.GetString($"QuarterMissing.{missing}", Chinese) : $"考核表 #{q.SheetId}",
                };
            }

            yield break;
        }

        if (stored?.Sheet is not { } scored)
        {
            yield break;
        }

        foreach (var category in scored.Categories)
        {
            foreach (var i in category.Indicators)
            {
                yield return new Dictionary<string, object?>
                {
                    ["工号"] = row.EmployeeNumber, ["姓名"] = row.PersonName, ["类别"] = $"{category.Name} {category.Weight}%", ["指标"] = i.Name,
                    ["分值"] = i.Points, ["评分标准"] = standards.GetValueOrDefault(i.Code, i.Rule), ["实际值"] = i.Measured is { } measured ? Rounding.Round(measured) : null, ["得分"] = i.Result.Points, ["计算过程"] = ArithmeticText.Localize(i.Result.Arithmetic, Chinese),
                    ["证据"] = string.Join(" ", i.Evidence.Select(e => e.Split(':') is ["ticket" or "contract" or "return" or "installation" or "budget", _, var number, ..] ? number : e)),
                };
            }
        }
    }
}
