using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Grading;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Features.Grading;

/// <summary>Configuration section <c>Grading</c>.</summary>
public sealed class GradingReminderOptions
{
    public const string Section = "Grading";

    /// <summary>Runs the grading-window reminder job in this instance; other instances share the work through the lease.</summary>
    public bool RemindersEnabled { get; set; } = true;

    /// <summary>Seconds between scans (default an hour: windows open by the day); the lease lasts twice this.</summary>
    public int ReminderIntervalSeconds { get; set; } = 3600;

    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, ReminderIntervalSeconds));
}

/// <summary>
/// That the engineer <see cref="PersonId"/> was told of the window of <see cref="SchemeCode"/> opening on
/// <see cref="WindowOpens"/>: the unique key (scheme, opening day, person) is written in the same transaction as the
/// notifications, so a crash, a late run or two instances never remind twice.
/// </summary>
public sealed class GradingWindowReminder
{
    public long Id { get; set; }
    public string SchemeCode { get; set; } = "";
    public DateOnly WindowOpens { get; set; }
    public DateOnly WindowCloses { get; set; }
    public int PersonId { get; set; }
    public string LevelCode { get; set; } = "";
    public DateTime CreatedAtUtc { get; set; }
}

internal sealed class GradingWindowReminderConfiguration : IEntityTypeConfiguration<GradingWindowReminder>
{
    public void Configure(EntityTypeBuilder<GradingWindowReminder> b)
    {
        b.ToTable("GradingWindowReminders");
        b.HasIndex(r => new { r.SchemeCode, r.WindowOpens, r.PersonId }).IsUnique();
        b.Property(r => r.SchemeCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(r => r.LevelCode).HasMaxLength(GradeScheme.CodeMaxLength);
        b.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// The grading-window reminder job (R-GRD-5): every interval, the instance holding the lease finds the windows of every
/// scheme's cycles open today and, once per window and person, tells each graded engineer who meets every condition for
/// the grade above theirs (<see cref="GradeEligibility"/>, as on their grade page) and has no application in progress — and
/// their direct superior — that applications are taken now. Nothing is sent before a window opens or after it closes;
/// first gradings (定级) are not bound to windows and get no reminder.
/// </summary>
public sealed partial class GradingWindowMonitor(
    IDbContextFactory<AppDbContext> contexts,
    JobLeases leases,
    TimeProvider time,
    CompanyClock clock,
    IOptions<GradingReminderOptions> options,
    ILogger<GradingWindowMonitor> logger) : LeasedJob(leases, time, logger)
{
    public const string LeaseName = "grading-window-reminders";
    public const string TitleKey = "Notification.GradingWindowOpen.Title";
    public const string BodyKey = "Notification.GradingWindowOpen.Body";

    protected override string Lease => LeaseName;

    protected override bool Enabled => options.Value.RemindersEnabled;

    protected override TimeSpan Interval => options.Value.Interval;

    protected override async Task<int> TickAsync(CancellationToken ct)
    {
        await ProgressByPointsAsync(ct);
        return await ScanOnceAsync(ct);
    }

    public async Task<int> ScanOnceAsync(CancellationToken ct)
    {
        var today = clock.Today;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var open = catalog.All.ToDictionary(c => c.Code, c => GradingCalendar.Windows(c.Cycles, today.Year).Concat(GradingCalendar.Windows(c.Cycles, today.Year - 1))
            .Where(w => w.IsOpenOn(today)).ToList());
        if (open.Values.All(w => w.Count == 0))
        {
            return 0;
        }

        var opens = open.Values.SelectMany(w => w).Select(w => w.Opens).Distinct().ToList();
        var reminded = (await db.GradingWindowReminders.AsNoTracking().Where(r => opens.Contains(r.WindowOpens)).Select(r => new { r.SchemeCode, r.WindowOpens, r.PersonId }).ToListAsync(ct))
            .Select(r => (r.SchemeCode, r.WindowOpens, r.PersonId)).ToHashSet();
        var histories = (await db.PersonGrades.AsNoTracking().ToListAsync(ct)).GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.EffectiveFrom).ToList());
        var ids = histories.Keys.ToList();
        var people = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && p.IsActive && p.Status != EmploymentStatus.Left).ToListAsync(ct);
        var busy = (await db.GradeApplications.AsNoTracking().Where(a => a.State != GradingState.CertificateIssued && a.State != GradingState.Rejected)
            .Select(a => a.ApplicantId).ToListAsync(ct)).ToHashSet();
        var activeIds = (await db.People.AsNoTracking().Where(p => p.IsActive && p.Status != EmploymentStatus.Left).Select(p => p.Id).ToListAsync(ct)).ToHashSet();
        var written = 0;
        foreach (var person in people.OrderBy(p => p.Id))
        {
            var history = histories[person.Id];
            var current = history.LastOrDefault(h => h.EffectiveFrom <= today);
            var config = catalog.ForHistory(history);
            if (current is null || busy.Contains(person.Id) || config.Scheme.Above(current.LevelCode) is not { } next
                || open.GetValueOrDefault(config.Code)?.FirstOrDefault(w => w.LevelCodes.Contains(next.Code)) is not { } window
                || reminded.Contains((config.Code, window.Opens, person.Id)))
            {
                continue;
            }

            var candidate = await GradeQueries.CandidateAsync(db, person, history, today, ct);
            if (!GradeEligibility.Check(config.Scheme, config.Eligibility, candidate, next.Code, today).IsEligible)
            {
                continue;
            }

            var superior = person.SuperiorId is { } s && activeIds.Contains(s) ? s : (int?)null;
            if (await WriteAsync(config.Code, window, person, next, superior, ct))
            {
                written++;
            }
        }

        LogScan(logger, written);
        return written;
    }

    /// <summary>
    /// Points-based progression (积分制, R-GRD-7): for each person on a points scheme whose points hold a grade above the one on
    /// record — a grade not appointed after passing — the new grade is recorded (source <see cref="GradeChangeSource.Points"/>)
    /// from the first day of the month after the month whose published result reached it (the pay follows from that day, as
    /// for a certificate's effective date). A grade appointed after passing is never reached this way: the person becomes a
    /// candidate and applies (their grade page says so). Points never lower a recorded grade: a demotion goes through
    /// R-GRD-6's approvals. The unique (person, effective date) key makes a second write of the same change impossible.
    /// Returns how many grade changes were recorded.
    /// </summary>
    public async Task<int> ProgressByPointsAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var points = catalog.All.Where(c => c.Scheme.Kind == GradeSchemeKind.Points).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (points.Count == 0)
        {
            return 0;
        }

        var histories = (await db.PersonGrades.AsNoTracking().ToListAsync(ct)).GroupBy(g => g.PersonId)
            .Select(g => g.OrderBy(x => x.EffectiveFrom).ToList()).Where(h => points.Contains(h[^1].SchemeCode)).ToList();
        var written = 0;
        foreach (var history in histories)
        {
            var latest = history[^1];
            var config = catalog.For(latest.SchemeCode);
            var current = config.Scheme.Find(latest.LevelCode);
            if (current is null || current.AppointedAfterPassing
                || await GradeQueries.PointsAsync(db, latest.PersonId, config, history, ct) is not { } ledger
                || config.Scheme.IndexOf(ledger.Standing.Level.Code) <= config.Scheme.IndexOf(current.Code))
            {
                continue;
            }

            var held = ledger.Standing.Level;
            // The month that reached the held grade: the first of the last run of months at it.
            var months = ledger.Standing.Months;
            var lastOther = months.Select((m, i) => (Month: m, Index: i)).LastOrDefault(x => x.Month.Level != held);
            var reached = months[lastOther.Month is null ? 0 : lastOther.Index + 1];
            var effective = new DateOnly(reached.Year, reached.Month, 1).AddMonths(1);
            var notBefore = new DateOnly(latest.EffectiveFrom.Year, latest.EffectiveFrom.Month, 1).AddMonths(1);
            if (effective < notBefore)
            {
                effective = notBefore;
            }

            var sheet = ledger.Entries.FirstOrDefault(e => e.Points.Year == reached.Year && e.Points.Month == reached.Month).SheetId;
            await using var write = await contexts.CreateDbContextAsync(ct);
            write.Actor = Infrastructure.Audit.Actor.System;
            write.ChangeReason = "points-based progression (R-GRD-7)";
            write.PersonGrades.Add(PersonGrade.Create(latest.PersonId, config.Code, held.Code, effective,
                $"积分制：累计 {reached.Total.ToString("0.##", CultureInfo.InvariantCulture)} 分，达到 {held.NameZh}（{reached.Year}-{reached.Month:00}）。 Points: {ledger.Standing.Arithmetic}",
                GradeChangeSource.Points, sheet == 0 ? null : sheet, Time.GetUtcNow().UtcDateTime, "system"));
            try
            {
                await write.SaveChangesAsync(ct);
                written++;
            }
            catch (DbUpdateException)
            {
                // recorded by a concurrent run (or a change on that day already exists): nothing to do
            }
        }

        return written;
    }

    /// <summary>The reminder row and its notifications in one SaveChanges; false when another run wrote it first.</summary>
    private async Task<bool> WriteAsync(string schemeCode, GradingWindow window, Person person, GradeLevel next, int? superior, CancellationToken ct)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        var parameters = Notification.ToJson(new Dictionary<string, string>
        {
            ["0"] = person.Name,
            ["1"] = next.NameZh,
            ["2"] = window.Opens.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["3"] = window.Closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["personId"] = person.Id.ToString(CultureInfo.InvariantCulture),
            ["schemeCode"] = schemeCode,
            ["levelCode"] = next.Code,
        });
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.GradingWindowReminders.Add(new GradingWindowReminder
        {
            SchemeCode = schemeCode, WindowOpens = window.Opens, WindowCloses = window.Closes, PersonId = person.Id, LevelCode = next.Code, CreatedAtUtc = now,
        });
        foreach (var recipient in superior is { } s ? [person.Id, s] : new[] { person.Id })
        {
            db.Notifications.Add(new Notification
            {
                RecipientPersonId = recipient, Kind = NotificationKind.GradingWindowOpen, TitleKey = TitleKey, BodyKey = BodyKey,
                ParametersJson = parameters, CreatedAtUtc = now,
            });
        }

        // False when a concurrent run reminded first: the unique key refused this one, and with it its notifications.
        return await contexts.SaveOnceAsync(db, (check, c) =>
            check.GradingWindowReminders.AnyAsync(r => r.SchemeCode == schemeCode && r.WindowOpens == window.Opens && r.PersonId == person.Id, c), ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Grading window scan: {Count} engineers reminded.")]
    private static partial void LogScan(ILogger logger, int count);

}
