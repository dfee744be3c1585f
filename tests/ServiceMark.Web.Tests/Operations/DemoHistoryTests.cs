using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Tickets;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Demo;

namespace ServiceMark.Web.Tests.Operations;

/// <summary>seed-demo --people / --tickets: the organisation grows, and tickets beyond the lifecycle ones are faithful copies.</summary>
public sealed class DemoHistoryTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public Task Extra_engineers_are_added_and_copied_tickets_keep_their_history_with_new_ids_numbers_and_engineers() => CopiesAsync(app);

    internal static async Task CopiesAsync(TestApp app)
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

        // The app's own inserts go on after the copies (PostgreSQL's identity sequences were moved past the explicit ids).
        var created = await new TicketDriver(app).CreateAsync();
        Assert.True(created.Id > made[^1].Id);
    }

    [Fact]
    public async Task The_history_has_calls_surveys_complaints_pauses_escalations_and_amendments_and_nothing_after_the_moment_it_was_seeded()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var history = scope.ServiceProvider.GetRequiredService<DemoHistory>();
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var before = await app.WithDbAsync(db => db.Tickets.MaxAsync(t => (int?)t.Id)) ?? 0;

        Assert.Equal(800, await history.GenerateAsync(800, TextWriter.Null, lifecycleTickets: 800));

        var tickets = await app.WithDbAsync(db => db.Tickets.AsNoTracking().Where(t => t.Id > before).Include(t => t.Events)
            .Include(t => t.Reports).ThenInclude(r => r.Amendments).ToListAsync());
        var ids = tickets.Select(t => t.Id).ToHashSet();
        var events = tickets.SelectMany(t => t.Events).ToList();
        var surveys = (await app.WithDbAsync(db => db.SatisfactionSurveys.AsNoTracking().Include(s => s.Ratings).ToListAsync())).Where(s => ids.Contains(s.TicketId)).ToList();
        var complaints = (await app.WithDbAsync(db => db.Complaints.AsNoTracking().ToListAsync())).Where(c => c.TicketId is { } id && ids.Contains(id)).ToList();
        var calls = (await app.WithDbAsync(db => db.ContactLog.AsNoTracking().ToListAsync())).Where(c => c.TicketId is null || ids.Contains(c.TicketId.Value)).ToList();

        // Nothing lies in the future of the moment the demo was seeded.
        Assert.All(events, e => Assert.True(e.AtUtc <= now, $"{e.Action} at {e.AtUtc:O} after {now:O}"));
        Assert.All(tickets.SelectMany(t => t.Reports).SelectMany(r => r.Amendments), a => Assert.True(a.AtUtc <= now));
        Assert.All(surveys, s => Assert.True(s.AnsweredAtUtc <= now));
        Assert.All(complaints.SelectMany(c => c.Events), e => Assert.True(e.AtUtc <= now));
        Assert.All(calls, c => Assert.True(c.ReceivedAtUtc <= now && (c.RepliedAtUtc ?? now) <= now));
        Assert.Contains(tickets, t => t.Status is not (TicketStatus.Closed or TicketStatus.FollowedUp or TicketStatus.Cancelled)); // today's work is open

        // Every kind of record the plans score from is there.
        Assert.Contains(events, e => e.Action == TicketAction.WaitForCustomer);
        Assert.Contains(events, e => e.Action == TicketAction.TransferToSupplier);
        Assert.Contains(events, e => e.Action == TicketAction.Escalate);
        Assert.Contains(tickets, t => t.Reports.Any(r => r.Amendments.Count > 0));
        Assert.True(calls.Count(c => c.TicketId is not null) > 300, $"calls linked to tickets: {calls.Count(c => c.TicketId is not null)}");
        Assert.Contains(calls, c => c.TicketId is null);
        Assert.True(surveys.Count > 200, $"surveys: {surveys.Count}");
        Assert.True(surveys.Select(s => s.Ratings.Single(r => r.Question == ServiceMark.Domain.Surveys.SurveyQuestions.Satisfaction).Value).Distinct().Count() >= 4);
        Assert.Contains(complaints, c => c.CountsAgainstPeople && c.Status == ServiceMark.Domain.Complaints.ComplaintStatus.Closed);
        Assert.Contains(complaints, c => c.IsValid == false);

        // Scores differ between people: the engineers' mean satisfaction is not one number.
        var byEngineer = surveys.Join(tickets.SelectMany(t => t.Events.Where(e => e.Action == TicketAction.Dispatch).Take(1).Select(e => (t.Id, e.EngineerId))),
                s => s.TicketId, x => x.Id, (s, x) => (x.EngineerId, s.Ratings.Single(r => r.Question == ServiceMark.Domain.Surveys.SurveyQuestions.Satisfaction).Value))
            .GroupBy(x => x.EngineerId).Where(g => g.Count() >= 5).Select(g => Math.Round(g.Average(x => x.Value), 1)).Distinct().Count();
        Assert.True(byEngineer >= 2, $"distinct mean satisfactions: {byEngineer}");
    }
}
