using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// Two maintenance contracts for the demo (R-EXP-2): last year's contract with 郑州公交集团, this year's term ending, its second
/// instalment half paid late (a renewal due and an overdue receivable), and next year's contract with 洛阳公交集团 drafted and
/// waiting for the head. Both are 马超's; signed outside this year's periods, so they change no score a fresh demo shows.
/// Past visits are not laid out: the demo's history has no tickets for them.
/// </summary>
internal static class DemoContracts
{
    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, Person> people, DateTime nowUtc, DateOnly today, CancellationToken ct)
    {
        // The department's maintenance checklist, for every model until the office keeps one per model.
        db.MaintenanceChecklists.Add(MaintenanceChecklist.Create(0, ["制动系统（制动片、制动气压）", "空调系统（滤网、制冷）", "电气线路与蓄电池", "车门泵阀与应急开关",
            "轮胎与悬架", "发动机油液与皮带"]).Value!);
        var customers = await db.Customers.Where(c => c.Code == "C1001" || c.Code == "C1002").ToDictionaryAsync(c => c.Code, c => c.Id, ct);
        var (responsible, head, hr) = (people["E0011"].Id, people["E0004"].Id, people["E0025"].Id);
        var year = today.Year;
        var units = await db.ProductUnits.Where(u => u.CustomerId == customers["C1001"]).OrderBy(u => u.Id).Select(u => u.Id).Take(3).ToListAsync(ct);

        var current = MaintenanceContract.Draft(nowUtc, people["E0008"].Id, new ContractTerms($"WB-{year - 1}-001", customers["C1001"], responsible,
            new DateOnly(year - 1, 12, 20), new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), 48_000m, 3, 3, units,
            [new(new DateOnly(year, 1, 15), 24_000m), new(new DateOnly(year, 7, 15), 24_000m)], "全年四次季度巡检，含工时，不含备件")).Value!;
        current.Activate(nowUtc, head);
        db.MaintenanceContracts.Add(current);
        await db.SaveChangesAsync(ct);
        db.PlannedVisits.AddRange(PlannedVisit.For(current).Where(v => v.DueOn >= today));
        foreach (var (on, amount) in new[] { (new DateOnly(year, 1, 10), 24_000m), (new DateOnly(year, 8, 20), 12_000m) }.Where(p => p.Item1 <= today))
        {
            db.ContractPayments.Add(ContractPayment.Record(current, nowUtc, today, hr, on, amount, "银行回单").Value!);
        }

        db.MaintenanceContracts.Add(MaintenanceContract.Draft(nowUtc, people["E0008"].Id, new ContractTerms($"WB-{year - 1}-002", customers["C1002"], responsible,
            new DateOnly(year - 1, 12, 28), new DateOnly(year + 1, 1, 1), new DateOnly(year + 1, 12, 31), 36_000m, 3, 5, [],
            [new(new DateOnly(year + 1, 1, 31), 18_000m), new(new DateOnly(year + 1, 7, 31), 18_000m)], "次年续签，待部门经理审批")).Value!);
        await db.SaveChangesAsync(ct);
    }
}
