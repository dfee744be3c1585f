using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Returns;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// Two returned products for the demo (R-RMA-1), both 马超's: a display sent back three weeks ago, repaired, passed by 吴婷 at the
/// first test and sent back; and a controller received three days ago, inspected and waiting for its repair.
/// </summary>
internal static class DemoReturns
{
    public static async Task SeedAsync(AppDbContext db, IReadOnlyDictionary<string, Person> people, DateTime nowUtc, DateOnly today, CancellationToken ct)
    {
        var customer = await db.Customers.Where(c => c.Code == "C1001").Select(c => c.Id).SingleAsync(ct);
        var (office, engineer, tester) = (people["E0008"].Id, people["E0011"].Id, people["E0008"].Id);

        var done = ProductReturn.Receive(nowUtc, today, office, new ReturnReceipt(customer, null, null, "车载液晶显示屏", "LCD-2025-03318", "行驶中间歇性黑屏",
            today.AddDays(-21), engineer, null)).Value!;
        Must(done.Inspect(engineer, today.AddDays(-20), "排线接口氧化，接触不良", ReturnDecision.Repair));
        Must(done.Repair(engineer, today.AddDays(-18), "清洁接口，更换排线，振动测试 2 小时", null));
        Must(done.Test(tester, today.AddDays(-17), true, null));
        Must(done.Ship(today.AddDays(-16), "顺丰 SF3300218876"));

        var open = ProductReturn.Receive(nowUtc, today, office, new ReturnReceipt(customer, null, null, "车身控制器（BCM）", "BCM-2024-11907", "左转向灯不受控",
            today.AddDays(-3), engineer, null)).Value!;
        Must(open.Inspect(engineer, today.AddDays(-2), "驱动芯片损坏", ReturnDecision.Repair));

        db.ProductReturns.AddRange(done, open);
        await db.SaveChangesAsync(ct);
    }

    private static void Must(Domain.Common.Refusal? refused)
    {
        if (refused is not null)
        {
            throw new InvalidOperationException($"The demo return was refused: {refused.Code}.");
        }
    }
}
