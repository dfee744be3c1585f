using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Installations;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Demo;

/// <summary>One installation plan for the demo (R-EXP-3): two of 郑州公交集团's units, next week, led by 马超 with 罗斌 — planned, for the
/// office to release.</summary>
internal static class DemoInstallations
{
    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, Person> people, DateTime nowUtc, DateOnly today, CancellationToken ct)
    {
        var customer = await db.Customers.Where(c => c.Code == "C1001").Select(c => c.Id).SingleAsync(ct);
        var units = await db.ProductUnits.Where(u => u.CustomerId == customer).OrderByDescending(u => u.Id).Select(u => u.Id).Take(2).ToListAsync(ct);
        var plan = InstallationPlan.Plan(nowUtc, people["E0008"].Id, new InstallationTerms(customer, units, today.AddDays(7), today.AddDays(9),
            people["E0011"].Id, [people["E0017"].Id], "新车交付：车载终端与监控系统安装调试，带调试仪"));
        if (plan.Refusal is { } refused)
        {
            throw new InvalidOperationException($"The demo installation plan was refused: {refused.Code}.");
        }

        db.InstallationPlans.Add(plan.Value!);
        await db.SaveChangesAsync(ct);
    }
}
