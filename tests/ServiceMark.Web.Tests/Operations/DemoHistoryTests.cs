using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>seed-demo --people / --tickets: the organisation grows, and tickets beyond the lifecycle ones are faithful copies.</summary>
public sealed class DemoHistoryTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Extra_engineers_are_added_and_copied_tickets_keep_their_history_with_new_ids_numbers_and_engineers()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<DemoHistory>();
        var people = await app.WithDbAsync(db => db.People.CountAsync());
        Assert.Equal(20, await history.AddEngineersAsync(people + 20, TextWriter.Null));
        var before = await app.WithDbAsync(db => db.Tickets.MaxAsync(t => (int?)t.Id)) ?? 0;

        Assert.Equal(25, await history.GenerateAsync(25, TextWriter.Null, lifecycleTickets: 10));

        var made = await app.WithDbAsync(db => db.Tickets.AsNoTracking().Where(t => t.Id > before).Include(t => t.Events).Include(t => t.Assignments)
            .Include(t => t.Reports).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(25, made.Count);
        Assert.Equal(25, made.Select(t => t.Number).Distinct().Count());
        var outcomes = await app.WithDbAsync(db => db.TicketServiceLevelOutcomes.AsNoTracking().Where(o => o.TicketId > before).ToListAsync());
        foreach (var copy in made.Skip(10))
        {
            var original = made[(copy.Id - before - 1) % 10];
            Assert.StartsWith(original.Number + "-", copy.Number, StringComparison.Ordinal);
            Assert.Equal((original.Status, original.ReportedAtUtc, original.ClosedAtUtc), (copy.Status, copy.ReportedAtUtc, copy.ClosedAtUtc));
            Assert.Equal(original.Events.OrderBy(e => e.Sequence).Select(e => e.Action), copy.Events.OrderBy(e => e.Sequence).Select(e => e.Action));
            Assert.Equal(original.Reports.Count, copy.Reports.Count);
            Assert.Equal(original.Assignments.Count, copy.Assignments.Count);
            Assert.Equal(outcomes.Where(o => o.TicketId == original.Id).Select(o => (o.Target, o.DueUtc, o.MetAtUtc)).Order(),
                outcomes.Where(o => o.TicketId == copy.Id).Select(o => (o.Target, o.DueUtc, o.MetAtUtc)).Order());
        }

        // Copies go to other engineers (a rotation), so the history is not the same few people's.
        Assert.Contains(made.Skip(10), c => c.Assignments.Count > 0 && c.Assignments[0].EngineerId != made[(c.Id - before - 1) % 10].Assignments[0].EngineerId);
    }
}
