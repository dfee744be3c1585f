using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Expenses;

/// <summary>
/// Claims in Excel for finance (issue 14 point 10): a sheet of claims with their settlement (total, advances settled, to pay,
/// to return) and a sheet of their lines by category, for the claims submitted in a period that this user may see.
/// </summary>
public sealed class ExpenseClaimsExcel(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    /// <summary>More claims than a month of a large department files; a wider export is split by period.</summary>
    public const int MaxClaims = 20_000;

    private static readonly string[] ClaimColumns = ["报销单号", "报销人", "状态", "提交时间", "审批人", "审批意见", "付款经办", "付款时间", "合计", "冲抵借款单", "冲抵借款", "应付", "应退回"];

    private static readonly string[] LineColumns = ["报销单号", "报销人", "日期", "截止日期", "类别", "补助标准", "每日标准", "说明", "工单号", "单据张数", "金额"];

    public async Task<Result<byte[]>> ExportAsync(DateOnly? from, DateOnly? to, ExpenseClaimStatus? status, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (from is { } f && to is { } t && t < f)
        {
            return Refusal.Invalid("to", "before_start", "to is before from.");
        }

        if (to == DateOnly.MaxValue)
        {
            // The period ends at the midnight after "to", which the last day of the calendar does not have.
            return Refusal.Invalid("to", "out_of_range", $"to must be before {DateOnly.MaxValue:yyyy-MM-dd}.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var claims = ExpenseAccess.Visible(db, db.ExpenseClaims.AsNoTracking(), user).Where(c => c.SubmittedAtUtc != null);
        claims = from is { } start ? claims.Where(c => c.SubmittedAtUtc >= clock.ToUtc(start.ToDateTime(TimeOnly.MinValue))) : claims;
        claims = to is { } end ? claims.Where(c => c.SubmittedAtUtc < clock.ToUtc(end.AddDays(1).ToDateTime(TimeOnly.MinValue))) : claims;
        claims = status is { } s ? claims.Where(c => c.Status == s) : claims;
        var rows = await claims.OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id).Take(MaxClaims).ToListAsync(ct);

        var names = await PersonNames.OfAsync(db, rows.SelectMany(c => new[] { (int?)c.PersonId, c.DecidedById, c.PaidById }), ct);
        var advanceIds = rows.SelectMany(c => c.AdvanceIds).Distinct().ToList();
        var advances = await db.TravelAdvances.AsNoTracking().Where(a => advanceIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Amount, ct);
        var ticketIds = rows.SelectMany(c => c.Lines.Select(l => l.TicketId)).OfType<int>().Distinct().ToList();
        var tickets = await db.Tickets.Where(t => ticketIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Number, ct);
        string Name(int? id) => id is { } i ? names.GetValueOrDefault(i) ?? "" : "";
        string Day(DateTime? utc) => utc is { } u ? clock.ToLocal(u).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var claimSheet = rows.Select(c =>
        {
            var settlement = ExpenseSettlement.Of(c.Total, c.AdvanceIds.Select(a => advances.GetValueOrDefault(a)));
            return new Dictionary<string, object?>
            {
                ["报销单号"] = c.Id, ["报销人"] = Name(c.PersonId), ["状态"] = StatusText(c.Status), ["提交时间"] = Day(c.SubmittedAtUtc), ["审批人"] = Name(c.DecidedById),
                ["审批意见"] = c.DecisionNote, ["付款经办"] = Name(c.PaidById), ["付款时间"] = Day(c.PaidAtUtc), ["合计"] = c.Total,
                ["冲抵借款单"] = string.Join(", ", c.AdvanceIds), ["冲抵借款"] = settlement.Advanced, ["应付"] = settlement.ToPay, ["应退回"] = settlement.ToReturn,
            };
        }).ToList();
        var lineSheet = rows.SelectMany(c => c.Lines.Select(l => new Dictionary<string, object?>
        {
            ["报销单号"] = c.Id, ["报销人"] = Name(c.PersonId), ["日期"] = Iso(l.Date), ["截止日期"] = l.Until is { } u ? Iso(u) : null, ["类别"] = CategoryText(l.Category),
            ["补助标准"] = l.Allowance, ["每日标准"] = l.RatePerDay, ["说明"] = l.Description,
            ["工单号"] = l.TicketId is { } t ? tickets.GetValueOrDefault(t) : null, ["单据张数"] = l.Receipts, ["金额"] = l.Amount,
        })).ToList();

        using var stream = new MemoryStream();
        var sheets = new Dictionary<string, object>
        {
            ["报销单"] = claimSheet.Count > 0 ? claimSheet : [ClaimColumns.ToDictionary(c => c, _ => (object?)null)],
            ["费用明细"] = lineSheet.Count > 0 ? lineSheet : [LineColumns.ToDictionary(c => c, _ => (object?)null)],
        };
        await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, cancellationToken: ct);
        return stream.ToArray();
    }

    private static string StatusText(ExpenseClaimStatus status) => status switch
    {
        ExpenseClaimStatus.Draft => "草稿",
        ExpenseClaimStatus.Submitted => "待审批",
        ExpenseClaimStatus.Returned => "已退回",
        ExpenseClaimStatus.Approved => "已批准待付款",
        ExpenseClaimStatus.Paid => "已付款",
        _ => "已撤回",
    };

    private static string CategoryText(ExpenseCategory category) => category switch
    {
        ExpenseCategory.Travel => "交通费",
        ExpenseCategory.Lodging => "住宿费",
        ExpenseCategory.PerDiem => "出差补助",
        ExpenseCategory.Freight => "运费",
        ExpenseCategory.FieldPurchase => "现场采购",
        _ => "其他",
    };
}
