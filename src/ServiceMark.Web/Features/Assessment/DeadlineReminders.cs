using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// Configuration section <c>AssessmentReminders</c>: the reminder job and the assessment calendar's defaults
/// (<see cref="DeadlinePolicy"/>, R-ASM-4). The calendar is checked at startup: a bad day stops the app with the reason.
/// </summary>
public sealed class AssessmentReminderOptions
{
    public const string Section = "AssessmentReminders";

    /// <summary>Runs the reminder job in this instance; other instances still share the work through the lease.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between runs; the lease lasts twice this.</summary>
    public int IntervalSeconds { get; set; } = 900;

    public int DataFromDay { get; set; } = DeadlinePolicy.Default.DataFromDay;
    public int DataToDay { get; set; } = DeadlinePolicy.Default.DataToDay;
    public int SummaryFromDay { get; set; } = DeadlinePolicy.Default.SummaryFromDay;
    public int SummaryToDay { get; set; } = DeadlinePolicy.Default.SummaryToDay;
    public int BonusPaidByDay { get; set; } = DeadlinePolicy.Default.BonusPaidByDay;
    public int ReminderDaysBefore { get; set; } = DeadlinePolicy.Default.ReminderDaysBefore;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, IntervalSeconds));

    public DeadlinePolicy Policy => new(DataFromDay, DataToDay, SummaryFromDay, SummaryToDay, BonusPaidByDay, ReminderDaysBefore);
}

/// <summary>Checks the configured calendar with <see cref="DeadlinePolicy.Check"/>, naming the setting and the rule broken.</summary>
public sealed class AssessmentReminderOptionsValidator : IValidateOptions<AssessmentReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, AssessmentReminderOptions options)
    {
        var errors = options.Policy.Check();
        return errors.Any
            ? ValidateOptionsResult.Fail(errors.All.Select(e =>
                $"{AssessmentReminderOptions.Section}:{char.ToUpperInvariant(e.Field[0])}{e.Field[1..]} is invalid: {e.Message}"))
            : ValidateOptionsResult.Success;
    }
}

/// <summary>
/// The deadline reminder job (R-ASM-4): every interval, the instance holding the lease looks at every period not yet
/// closed, and from each reminder date on (<see cref="PeriodDeadlines"/>), while the period is still in a state the
/// deadline concerns, notifies exactly the people who still have something to do for it (<see cref="Recipients"/>).
/// Each reminder row and its notification are one transaction, and the row's unique key on (period, deadline, recipient,
/// task) makes a second one impossible, so a crash, a late run or two instances never remind anyone twice of the same thing.
/// </summary>
public sealed partial class DeadlineReminders(
    IDbContextFactory<AppDbContext> contexts,
    JobLeases leases,
    TimeProvider time,
    CompanyClock clock,
    IOptions<AssessmentReminderOptions> options,
    ILogger<DeadlineReminders> logger) : LeasedJob(leases, time, logger)
{
    public const string LeaseName = "assessment-reminders";
    public const string TitleKey = "Notification.AssessmentDeadline.Title";

    protected override string Lease => LeaseName;

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override Task<int> TickAsync(CancellationToken ct) => SendDueAsync(ct);

    /// <summary>The body says what the recipient still has to do: one key per kind of work.</summary>
    public static string BodyKey(ReminderWork work) => $"Notification.AssessmentDeadline.{work}";

    /// <summary>Writes the reminders due today (company time) that were not sent yet; returns how many it wrote.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var today = clock.Today;
        var now = Time.GetUtcNow().UtcDateTime;
        var policy = options.Value.Policy;

        await using var db = await contexts.CreateDbContextAsync(ct);
        var periods = await db.AssessmentPeriods.AsNoTracking().Where(p => p.State != PeriodState.Closed).ToListAsync(ct);
        var written = 0;
        foreach (var period in periods)
        {
            var due = PeriodDeadlines.Due(PeriodDeadlines.For(period.Period, policy), period.State, today);
            if (due.Count == 0)
            {
                continue;
            }

            var sent = (await db.AssessmentReminders.AsNoTracking().Where(r => r.PeriodId == period.Id)
                    .Select(r => new { r.Deadline, r.RecipientPersonId, r.Work }).ToListAsync(ct))
                .Select(r => (r.Deadline, r.RecipientPersonId, r.Work)).ToHashSet();
            var recipients = await Recipients.LoadAsync(db, period, ct);
            foreach (var reminder in due)
            {
                var deadline = reminder.Deadline!.Value;
                foreach (var who in recipients.For(deadline, period.State).Where(w => !sent.Contains((deadline, w.PersonId, w.Work))))
                {
                    if (await WriteAsync(period, deadline, reminder.Due!.Value, who, now, ct))
                    {
                        written++;
                    }
                }
            }
        }

        LogRun(logger, periods.Count, written, watch.ElapsedMilliseconds);
        return written;
    }

    /// <summary>The reminder row and its notification in one SaveChanges; false when another run wrote that reminder first.</summary>
    private async Task<bool> WriteAsync(StoredAssessmentPeriod period, AssessmentDeadline deadline, DateOnly dueOn, Recipient who, DateTime now, CancellationToken ct)
    {
        var record = new AssessmentReminderRecord { PeriodId = period.Id, Deadline = deadline, RecipientPersonId = who.PersonId, Work = who.Work, DueOn = dueOn, CreatedAtUtc = now };
        record.Notifications.Add(new Notification
        {
            RecipientPersonId = who.PersonId,
            Kind = NotificationKind.AssessmentDeadline,
            AssessmentPeriodId = period.Id,
            AssessmentSheetId = who.SheetId,
            TitleKey = TitleKey,
            BodyKey = BodyKey(who.Work),
            ParametersJson = Notification.ToJson(new Dictionary<string, string>
            {
                ["period"] = period.Period.ToString(),
                ["deadline"] = deadline.ToString(),
                ["due"] = dueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["count"] = who.Count.ToString(CultureInfo.InvariantCulture),
            }),
            CreatedAtUtc = now,
        });

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AssessmentReminders.Add(record);
        if (!await contexts.SaveOnceAsync(db, (check, c) => check.AssessmentReminders.AnyAsync(r => r.PeriodId == period.Id && r.Deadline == deadline
                && r.RecipientPersonId == who.PersonId && r.Work == who.Work, c), ct))
        {
            return false; // written by a concurrent run: the unique key refused this one, and with it its notification
        }

        LogReminder(logger, deadline, period.Id, who.PersonId, who.Work);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessment reminders: {PeriodCount} open periods, {ReminderCount} reminders written, {ElapsedMs} ms.")]
    private static partial void LogRun(ILogger logger, int periodCount, int reminderCount, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Assessment {Deadline} reminder for period {PeriodId} to person {PersonId} ({Work}).")]
    private static partial void LogReminder(ILogger logger, AssessmentDeadline deadline, int periodId, int personId, ReminderWork work);

}

/// <summary>What a reminded person still has to do; each has its own text. Stored as its name: never rename a member.</summary>
public enum ReminderWork
{
    /// <summary>HR / department head: move the period on (data gathering, the summary) before the deadline.</summary>
    RunPeriod,

    /// <summary>A superior who has not yet rated every report whose plan asks the superior's rating.</summary>
    RateReports,

    /// <summary>An assessed person whose self-review is not submitted.</summary>
    SelfReview,

    /// <summary>A superior with reports' sheets not yet reviewed.</summary>
    ReviewReports,

    /// <summary>The general manager with managers' sheets not yet reviewed.</summary>
    GmReview,

    /// <summary>HR: pay the published period's bonuses.</summary>
    PayBonuses,
}

/// <summary>One person to remind, what for, how many sheets it concerns, and their own sheet when the work is on it.</summary>
public sealed record Recipient(int PersonId, ReminderWork Work, int Count, int? SheetId);

/// <summary>
/// Who still has something to do in one period, read once per run (R-ASM-4, with the workflow of R-ASM-5). Only active
/// people who have not left are reminded; people not assessed (probation) have no sheet and so nothing to do.
/// </summary>
public sealed class Recipients
{
    private readonly List<SheetState> sheets;
    private readonly List<(int Id, string Role)> staff;

    private Recipients(List<SheetState> sheets, List<(int Id, string Role)> staff)
    {
        this.sheets = sheets;
        this.staff = staff;
    }

    private sealed record SheetState(int Id, int PersonId, int? SuperiorId, bool Managerial, bool SelfReviewed, bool SuperiorReviewed, bool GmReviewed, bool AwaitsSuperiorRating);

    public static async Task<Recipients> LoadAsync(AppDbContext db, StoredAssessmentPeriod period, CancellationToken ct)
    {
        var staff = await db.People.AsNoTracking().Where(p => p.IsActive && p.Status != EmploymentStatus.Left)
            .Join(db.Positions.AsNoTracking(), p => p.PositionId, pos => pos.Id, (p, pos) => new { p.Id, pos.Role, pos.IsManagerial })
            .ToListAsync(ct);
        var active = staff.ToDictionary(s => s.Id);
        var rows = await db.AssessmentSheets.AsNoTracking().Where(s => s.PeriodId == period.Id)
            .Select(s => new { s.Id, s.PersonId, s.SuperiorPersonId, s.PlanId, s.SelfReviewedAtUtc, s.SuperiorReviewedAtUtc, s.GmReviewedAtUtc })
            .ToListAsync(ct);

        // The indicators each plan asks the superior to rate, and the superiors' ratings already entered.
        var planIds = rows.Select(r => r.PlanId).Distinct().ToList();
        var superiorRated = (await db.AssessmentPlans.AsNoTracking().Where(p => planIds.Contains(p.Id)).Select(p => new { p.Id, p.Json }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => (AssessmentPlanJson.Deserialize(p.Json).Value?.Categories ?? []).SelectMany(c => c.Indicators)
                .Where(i => i.Source.Kind == DataSourceKind.Rating && (i.Source.Raters ?? []).Any(r => r.Group == RaterGroup.Superior))
                .Select(i => i.Code).ToHashSet(StringComparer.Ordinal));
        var sheetIds = rows.Select(r => r.Id).ToList();
        var superiorGroup = nameof(RaterGroup.Superior);
        var ratings = (await db.AssessmentInputs.AsNoTracking()
                .Where(i => sheetIds.Contains(i.SheetId) && i.Kind == SheetInputKind.Rating && i.RaterGroup == superiorGroup)
                .Select(i => new { i.SheetId, i.IndicatorCode }).ToListAsync(ct))
            .ToLookup(i => i.SheetId, i => i.IndicatorCode);

        var sheets = rows.Where(r => active.ContainsKey(r.PersonId)).Select(r => new SheetState(
            r.Id, r.PersonId, r.SuperiorPersonId is { } s && active.ContainsKey(s) ? s : null, active[r.PersonId].IsManagerial,
            r.SelfReviewedAtUtc is not null, r.SuperiorReviewedAtUtc is not null, r.GmReviewedAtUtc is not null,
            superiorRated.GetValueOrDefault(r.PlanId, []).Except(ratings[r.Id]).Any())).ToList();
        return new Recipients(sheets, staff.Select(s => (s.Id, s.Role)).ToList());
    }

    /// <summary>
    /// Who is reminded of <paramref name="deadline"/> while the period is in <paramref name="state"/>:
    /// <list type="bullet">
    /// <item>Data gathering: HR and department heads (they move the period to self-review), and superiors whose reports'
    /// plans ask a superior's rating not yet entered.</item>
    /// <item>Summary: HR and department heads until publication; in self-review, each assessed person who has not submitted
    /// theirs; in superior review, each superior with sheets not yet reviewed; in GM review, the general manager while
    /// managers' sheets wait.</item>
    /// <item>Bonus payment: HR, once results are published.</item>
    /// </list>
    /// </summary>
    public IReadOnlyList<Recipient> For(AssessmentDeadline deadline, PeriodState state)
    {
        var found = new List<Recipient>();
        if (deadline == AssessmentDeadline.BonusPayment)
        {
            found.AddRange(WithRole(RoleNames.Hr).Select(id => new Recipient(id, ReminderWork.PayBonuses, sheets.Count, null)));
            return found;
        }

        var pending = deadline switch
        {
            AssessmentDeadline.DataCollection => sheets.Where(s => s.AwaitsSuperiorRating && s.SuperiorId is not null)
                .GroupBy(s => s.SuperiorId!.Value).Select(g => new Recipient(g.Key, ReminderWork.RateReports, g.Count(), null)),
            _ => state switch
            {
                PeriodState.SelfReview => sheets.Where(s => !s.SelfReviewed).Select(s => new Recipient(s.PersonId, ReminderWork.SelfReview, 1, s.Id)),
                PeriodState.SuperiorReview => sheets.Where(s => !s.SuperiorReviewed && s.SuperiorId is not null)
                    .GroupBy(s => s.SuperiorId!.Value).Select(g => new Recipient(g.Key, ReminderWork.ReviewReports, g.Count(), null)),
                PeriodState.GmReview => sheets.Count(s => s.Managerial && !s.GmReviewed) is var waiting and > 0
                    ? WithRole(RoleNames.GeneralManager).Select(id => new Recipient(id, ReminderWork.GmReview, waiting, null))
                    : [],
                _ => [],
            },
        };
        found.AddRange(pending);

        // The organisers run the period (a department head who is also assessed hears of both).
        var open = sheets.Count(s => deadline == AssessmentDeadline.DataCollection || !IsDone(s, state));
        found.AddRange(WithRole(RoleNames.Hr).Concat(WithRole(RoleNames.DepartmentHead))
            .Select(id => new Recipient(id, ReminderWork.RunPeriod, open, null)));
        return found.DistinctBy(f => (f.PersonId, f.Work)).ToList();
    }

    private static bool IsDone(SheetState s, PeriodState state) => state switch
    {
        PeriodState.SelfReview => s.SelfReviewed,
        PeriodState.SuperiorReview => s.SuperiorReviewed,
        PeriodState.GmReview => !s.Managerial || s.GmReviewed,
        _ => false,
    };

    private IEnumerable<int> WithRole(string role) => staff.Where(s => s.Role == role).Select(s => s.Id).Distinct().Order();
}
