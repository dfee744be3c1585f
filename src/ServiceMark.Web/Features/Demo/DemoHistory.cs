using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Demo;

/// <summary>
/// Generates a large, plausible ticket history for the demo company (`seed-demo --tickets N`), so that list pages,
/// facts and benchmarks can be tried on a realistic volume. Every ticket goes through the real lifecycle rules.
/// </summary>
public sealed class DemoHistory(IDbContextFactory<AppDbContext> contexts, TimeProvider time, Tickets.TicketOutcomes outcomes)
{
    private const int BatchSize = 1000;

    public async Task<int> GenerateAsync(int count, TextWriter progress, CancellationToken ct = default)
    {
        await using var lookup = await contexts.CreateDbContextAsync(ct);
        var units = await lookup.ProductUnits.AsNoTracking().ToListAsync(ct);
        var sites = await lookup.Set<Domain.Customers.CustomerSite>().AsNoTracking().ToListAsync(ct);
        var engineers = await (from p in lookup.People
                               join pos in lookup.Positions on p.PositionId equals pos.Id
                               where p.IsActive && pos.Role == RoleNames.Engineer
                               select p.Id).ToListAsync(ct);
        var policies = await lookup.ServiceLevelPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        var approver = await (from p in lookup.People
                              join pos in lookup.Positions on p.PositionId equals pos.Id
                              where p.IsActive && pos.Role == RoleNames.Supervisor
                              select (int?)p.Id).FirstOrDefaultAsync(ct) ?? throw new InvalidOperationException("No supervisor to approve reports.");
        var existing = await lookup.Tickets.CountAsync(ct);
        if (units.Count == 0 || engineers.Count == 0)
        {
            throw new InvalidOperationException("Seed the demo company first: no units or engineers to build a history from.");
        }

        var random = new Random(20261125);
        var end = time.GetUtcNow().UtcDateTime;
        var start = end.AddDays(-365);
        var specialist = new TicketActor(null, "demo-history");
        var watch = Stopwatch.StartNew();
        var made = 0;
        while (made < count)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Actor = Actor.System;
            db.ChangeReason = "demo history";
            var batch = Math.Min(BatchSize, count - made);
            var built = new List<ServiceTicket>(batch);
            for (var i = 0; i < batch; i++)
            {
                var n = existing + made + i + 1;
                built.Add(Build(n, random, start, end, units, sites, engineers, policies, specialist, new TicketActor(approver, "demo-history")));
            }

            db.Tickets.AddRange(built);
            db.ChangeTracker.DetectChanges();

            // The tickets and their measured service-level outcomes commit together, as a ticket change in the app does.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                await db.SaveChangesAsync(ct);
                await outcomes.MeasureAsync(db, built, ct);
                await transaction.CommitAsync(ct);
            }
            made += batch;
            await progress.WriteLineAsync($"{made:N0} / {count:N0} tickets ({made / Math.Max(watch.Elapsed.TotalSeconds, 0.001):N0}/s)");
        }

        return made;
    }

    private static ServiceTicket Build(int n, Random random, DateTime start, DateTime end, List<Domain.Customers.ProductUnit> units,
        List<Domain.Customers.CustomerSite> sites, List<int> engineers, List<Domain.ServiceLevels.ServiceLevelPolicy> policies, TicketActor actor,
        TicketActor approver)
    {
        var unit = units[random.Next(units.Count)];
        var site = sites.FirstOrDefault(s => s.CustomerId == unit.CustomerId);
        var category = (FaultCategory)random.Next(0, 4);
        var at = start.AddMinutes(random.NextDouble() * (end - start).TotalMinutes);
        var details = new TicketDetails(unit.CustomerId, "车队调度", "13800000000", site?.Address ?? "客户车场", site?.DistanceKm ?? 30m, unit.ProductModelId,
            unit.SerialNumber, null, random.Next(10_000, 400_000), category, Faults[random.Next(Faults.Length)], (Urgency)random.Next(0, 4), IntakeChannel.Phone, null);
        var ticket = ServiceTicket.Create(at, actor, $"H{n:D9}", details).Value!;
        var engineer = engineers[random.Next(engineers.Count)];
        var engineerActor = new TicketActor(engineer, "demo-history");
        DateTime Next(double maxHours) => at = at.AddMinutes(5 + (random.NextDouble() * maxHours * 60));

        var policy = Domain.ServiceLevels.ServiceLevelSelector.Choose(policies,
            new Domain.ServiceLevels.TicketFacts(category.ToString(), details.DistanceKm, false, details.Urgency.ToString()))?.Policy;
        ticket.Register(Next(0.5), actor, true, "demo history");
        ticket.Classify(Next(0.5), actor, category, details.Urgency, policy?.Id);
        var fate = random.NextDouble();
        if (fate < 0.03)
        {
            ticket.Cancel(Next(2), actor, "客户取消");
            return ticket;
        }

        ticket.Dispatch(Next(2), actor, [engineer], engineer);
        if (at > end || fate < 0.08)
        {
            return ticket; // still open
        }

        ticket.Accept(Next(6), engineerActor, engineer, null);
        ticket.Arrive(Next(30), engineerActor);
        ticket.Diagnose(Next(2), engineerActor, null);
        ticket.RecordReport(Next(3), engineerActor, new ServiceReportContent("检查发现故障", "部件老化", "三包", "更换部件", [], 0, true, null, "定期保养", 0, null));
        ticket.Resolve(Next(2), engineerActor, null);
        ticket.SignReport(Next(1), engineerActor, new CustomerSignature("demo-history", "客户"));
        ticket.ApproveReport(Next(24), approver, null);
        ticket.Close(Next(12), actor);
        if (random.NextDouble() < 0.7)
        {
            ticket.RecordFollowUp(Next(72), actor, "电话回访：满意");
        }

        return ticket;
    }

    private static readonly string[] Faults =
    [
        "前门气泵漏气，车门无法关闭", "空调不制冷", "仪表盘报警灯常亮", "发动机水温过高", "刹车异响", "后视镜松动", "车窗玻璃破裂", "CAN 总线通讯故障",
        "转向沉重", "离合器打滑", "车身漆面起泡", "座椅固定螺栓松动",
    ];
}
