using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceMark.Domain.Assessment;
using ServiceMark.Tests.Infrastructure;
using ServiceMark.Web.Features.Assessment;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;

namespace ServiceMark.Web.Tests.Assessment;

/// <summary>
/// The deadline reminders of R-ASM-4 driven by hand: the test moves the fake clock (company time, UTC+8) and calls
/// <see cref="DeadlineReminders.RunOnceAsync"/>. The job's own timer may also fire when the clock moves; that is
/// harmless, because a reminder can exist only once per (period, deadline, person). The period is the second quarter of
/// next year and the app starts a few days before its first reminder date, so every date is ahead whatever day the tests
/// run, and the clock moves by days, not months (a fake clock fires a periodic timer once per period it skips).
/// </summary>
[Trait("Rule", "R-ASM-4")]
public sealed class DeadlineReminderTests(DeadlineReminderTests.ReminderApp app) : IClassFixture<DeadlineReminderTests.ReminderApp>
{
    public static readonly int Year = DateTime.UtcNow.Year + 1;

    /// <summary>The app on a clock set, before it starts, to 25 June of next year (company time).</summary>
    public sealed class ReminderApp : TestApp
    {
        public ReminderApp() => Clock.SetUtcNow(new DateTimeOffset(Year, 6, 25, 9, 0, 0, TimeSpan.FromHours(8)));
    }

    private DeadlineReminders Job => app.Services.GetRequiredService<DeadlineReminders>();

    [Fact]
    public async Task Each_person_with_work_left_is_reminded_once_from_the_reminder_date_and_the_others_not()
    {
        var ct = TestContext.Current.CancellationToken;
        var year = Year;
        var deadlines = PeriodDeadlines.For(AssessmentPeriod.Quarter(year, 2));
        var dataReminder = deadlines.Reminders.Single(r => r.Deadline == AssessmentDeadline.DataCollection).On;
        var summaryReminder = deadlines.Reminders.Single(r => r.Deadline == AssessmentDeadline.Summary).On;

        JsonElement period;
        using (var head = app.ClientFor("head"))
        {
            period = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = 2 }, ct)).ReadJsonAsync();
        }

        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        var sheetOf = period.GetProperty("sheets").EnumerateArray().ToDictionary(s => s.GetProperty("personId").GetInt32(), s => s.GetProperty("sheetId").GetInt32());
        var engineer = await PersonIdAsync("E0011");
        var engineer2 = await PersonIdAsync("E0017");
        var probation = await PersonIdAsync("E0016");
        var supervisor = await PersonIdAsync("E0005");
        var hr = await PersonIdAsync("E0025");
        var headId = await PersonIdAsync("E0004");
        Assert.DoesNotContain(probation, sheetOf.Keys);

        // The day before the first reminder (late evening, company time): nothing.
        MoveClockTo(dataReminder.AddDays(-1), hour: 23);
        await Job.RunOnceAsync(ct);
        Assert.Empty(await RemindersAsync(periodId));

        // On the data-gathering reminder date: the organisers, and superiors whose reports still need their rating.
        MoveClockTo(dataReminder, hour: 8);
        await Job.RunOnceAsync(ct);
        var data = await RemindersAsync(periodId);
        Assert.All(data, r => Assert.Equal(AssessmentDeadline.DataCollection, r.Deadline));
        Assert.Contains(data, r => r.RecipientPersonId == hr);
        Assert.Contains(data, r => r.RecipientPersonId == headId);
        Assert.Contains(data, r => r.RecipientPersonId == supervisor);
        Assert.DoesNotContain(data, r => r.RecipientPersonId == engineer || r.RecipientPersonId == probation);
        await Job.RunOnceAsync(ct);
        Assert.Equal(data.Count, (await RemindersAsync(periodId)).Count);

        // Self-review: the engineer submits theirs; the summary reminder then goes to those who have not, and the organisers.
        using (var head = app.ClientFor("head"))
        {
            foreach (var action in new[] { "StartGoalPlans", "StartDataCollection", "StartSelfReview" })
            {
                period = await ActAsync(head, periodId, action, period);
            }
        }

        using (var me = app.ClientFor("engineer"))
        {
            var sheet = await (await me.GetAsync($"/api/v1/assessment/sheets/{sheetOf[engineer]}", ct)).ReadJsonAsync();
            var submitted = await me.PostAsJsonAsync($"/api/v1/assessment/sheets/{sheetOf[engineer]}/self-review",
                new { text = "按时完成本季度工作", version = sheet.GetProperty("version").GetInt32() }, ct);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        }

        MoveClockTo(summaryReminder.AddDays(-1), hour: 23);
        await Job.RunOnceAsync(ct);
        Assert.DoesNotContain(await RemindersAsync(periodId), r => r.Deadline == AssessmentDeadline.Summary);

        MoveClockTo(summaryReminder, hour: 9);
        await Job.RunOnceAsync(ct);
        await Job.RunOnceAsync(ct);
        var summary = (await RemindersAsync(periodId)).Where(r => r.Deadline == AssessmentDeadline.Summary).ToList();
        Assert.Equal(summary.Count, summary.Select(r => (r.RecipientPersonId, r.Work)).Distinct().Count());
        Assert.Contains(summary, r => r.RecipientPersonId == engineer2);
        Assert.Contains(summary, r => r.RecipientPersonId == hr);
        Assert.DoesNotContain(summary, r => r.RecipientPersonId == engineer || r.RecipientPersonId == probation);
        var unsubmitted = await app.WithDbAsync(db => db.AssessmentSheets.Where(s => s.PeriodId == periodId && s.SelfReviewedAtUtc == null).Select(s => s.PersonId).ToListAsync());
        Assert.All(unsubmitted, p => Assert.Contains(summary, r => r.RecipientPersonId == p));

        // One notification per reminder, in the same transaction.
        var notes = await app.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.AssessmentPeriodId == periodId).ToListAsync());
        Assert.Equal((await RemindersAsync(periodId)).Count, notes.Count);
        Assert.All(notes, n => Assert.NotNull(n.AssessmentReminderId));

        // The engineer2 sees it in their language, linked to their own sheet.
        using (var reader = app.ClientFor("engineer2"))
        {
            var mine = await reader.GetFromJsonAsync<PageOf<NotificationView>>("/api/v1/notifications?unreadOnly=true&pageSize=200", Json.Options, ct);
            var shown = Assert.Single(mine!.Items, n => n.Kind == NotificationKind.AssessmentDeadline);
            Assert.Equal($"/assessment/sheets/{sheetOf[engineer2]}", shown.Link);
            Assert.Equal(sheetOf[engineer2], shown.AssessmentSheetId);
            Assert.Contains($"{year} Q2", shown.Title, StringComparison.Ordinal);
            Assert.Contains("自评", shown.Body, StringComparison.Ordinal);
            Assert.Contains(deadlines.SummaryTo.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), shown.Body, StringComparison.Ordinal);
        }

        // Superior review starts after the reminder date: superiors with sheets to review are reminded then (on or after the
        // date), even when they were reminded of their own self-review before.
        using (var head = app.ClientFor("head"))
        {
            period = await ActAsync(head, periodId, "StartSuperiorReview", period);
        }

        await Job.RunOnceAsync(ct);
        var supervisorNote = await app.WithDbAsync(db => db.Notifications.AsNoTracking()
            .SingleAsync(n => n.AssessmentPeriodId == periodId && n.RecipientPersonId == supervisor && n.BodyKey == "Notification.AssessmentDeadline.ReviewReports"));
        Assert.Null(supervisorNote.AssessmentSheetId);

        // The period page lists who was reminded, for HR and the committee only.
        using (var hrClient = app.ClientFor("hr"))
        {
            var detail = await (await hrClient.GetAsync($"/api/v1/assessment/periods/{periodId}", ct)).ReadJsonAsync();
            var listed = detail.GetProperty("remindersSent").EnumerateArray().Select(r => r.GetProperty("personId").GetInt32()).ToList();
            Assert.Contains(engineer2, listed);
            Assert.Contains(supervisor, listed);
        }

        using (var own = app.ClientFor("engineer"))
        {
            var detail = await (await own.GetAsync($"/api/v1/assessment/periods/{periodId}", ct)).ReadJsonAsync();
            Assert.Empty(detail.GetProperty("remindersSent").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_database_refuses_a_second_reminder_of_the_same_deadline_to_the_same_person()
    {
        var year = Year + 1;
        using var head = app.ClientFor("head");
        var period = await (await head.PostAsJsonAsync("/api/v1/assessment/periods", new { length = "Quarter", year, number = 1 }, TestContext.Current.CancellationToken)).ReadJsonAsync();
        var periodId = period.GetProperty("summary").GetProperty("id").GetInt32();
        var hr = await PersonIdAsync("E0025");
        var first = new AssessmentReminderRecord { PeriodId = periodId, Deadline = AssessmentDeadline.Summary, RecipientPersonId = hr, Work = ReminderWork.RunPeriod, DueOn = new DateOnly(year, 4, 5), CreatedAtUtc = DateTime.UtcNow };
        await app.WithDbAsync(async db => { db.AssessmentReminders.Add(first); return await db.SaveChangesAsync(); });

        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            var again = new AssessmentReminderRecord { PeriodId = periodId, Deadline = AssessmentDeadline.Summary, RecipientPersonId = hr, Work = ReminderWork.RunPeriod, DueOn = new DateOnly(year, 4, 5), CreatedAtUtc = DateTime.UtcNow };
            again.Notifications.Add(new Notification
            {
                RecipientPersonId = hr, Kind = NotificationKind.AssessmentDeadline, AssessmentPeriodId = periodId, TitleKey = DeadlineReminders.TitleKey,
                BodyKey = DeadlineReminders.BodyKey(ReminderWork.RunPeriod), CreatedAtUtc = DateTime.UtcNow,
            });
            db.AssessmentReminders.Add(again);
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(0, await app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AssessmentPeriodId == periodId)));
    }

    [Fact]
    public void A_bad_deadline_calendar_stops_the_app_at_startup_naming_the_setting()
    {
        using var bad = new BadCalendarApp();
        var e = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        var message = e.ToString();
        Assert.Contains("AssessmentReminders:DataToDay", message, StringComparison.Ordinal);
    }

    private sealed class BadCalendarApp : TestApp
    {
        protected override void Configure(IWebHostBuilder builder)
        {
            builder.UseSetting("AssessmentReminders:DataFromDay", "28");
            builder.UseSetting("AssessmentReminders:DataToDay", "20");
        }
    }

    private void MoveClockTo(DateOnly companyDay, int hour)
    {
        var target = new DateTimeOffset(companyDay.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.FromHours(8));
        if (target > app.Clock.GetUtcNow())
        {
            app.Clock.SetUtcNow(target);
        }
    }

    private Task<List<AssessmentReminderRecord>> RemindersAsync(int periodId) =>
        app.WithDbAsync(db => db.AssessmentReminders.AsNoTracking().Where(r => r.PeriodId == periodId).OrderBy(r => r.Id).ToListAsync());

    private static async Task<JsonElement> ActAsync(HttpClient client, int periodId, string action, JsonElement period)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/assessment/periods/{periodId}/actions",
            new { action, version = period.GetProperty("summary").GetProperty("version").GetInt32() });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{action}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    private Task<int> PersonIdAsync(string number) => app.WithDbAsync(db => db.People.Where(p => p.EmployeeNumber == number).Select(p => p.Id).SingleAsync());
}
