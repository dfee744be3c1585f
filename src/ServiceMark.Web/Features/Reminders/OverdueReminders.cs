using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Returns;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Notifications;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Jobs;

namespace ServiceMark.Web.Features.Reminders;

/// <summary>Configuration section <c>OverdueReminders</c>: when money and returns that are late are reminded of.</summary>
public sealed class OverdueReminderOptions
{
    public const string Section = "OverdueReminders";

    /// <summary>Runs the job in this instance; other instances still share the work through the lease.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between runs; the lease lasts twice this.</summary>
    public int IntervalSeconds { get; set; } = 3600;

    /// <summary>Days finance has to confirm cash handed over before being reminded.</summary>
    public int CashConfirmDays { get; set; } = 2;

    /// <summary>Days between two reminders of the same thing while it stays overdue.</summary>
    public int RepeatDays { get; set; } = 7;

    /// <summary>Overdue things of each kind reminded of per run at most, oldest first: a backlog is worked off over runs.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Reminds of money and returns that are late (issue 14: unconfirmed cash hand-overs, overdue receivables, late returns): every
/// interval the instance holding the lease finds what is overdue today (company time) and, once per round of
/// <see cref="OverdueReminderOptions.RepeatDays"/> while it stays so, notifies who must act — finance for cash, the person
/// answering for a contract or a return. Each reminder row and its notification are one transaction under a unique key, so a
/// crash, a late run or two instances never remind twice in a round; what is settled is no longer found, so it stops.
/// </summary>
public sealed partial class OverdueReminders(
    IDbContextFactory<AppDbContext> contexts,
    JobLeases leases,
    TimeProvider time,
    CompanyClock clock,
    IOptions<OverdueReminderOptions> options,
    ILogger<OverdueReminders> logger) : LeasedJob(leases, time, logger)
{
    public const string LeaseName = "overdue-reminders";

    protected override string Lease => LeaseName;

    protected override bool Enabled => options.Value.Enabled;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(options.Value.IntervalSeconds, 1));

    protected override Task<int> TickAsync(CancellationToken ct) => SendDueAsync(ct);

    /// <summary>One thing to remind one person of, with the notification's texts and link.</summary>
    private sealed record Due(OverdueKind Kind, int SubjectId, int Recipient, DateOnly OverdueFrom, int? TicketId, string Link, string[] Arguments);

    /// <summary>Writes the reminders due today that were not written yet; returns how many it wrote.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var (today, now, o) = (clock.Today, Time.GetUtcNow().UtcDateTime, options.Value);
        var repeat = Math.Clamp(o.RepeatDays, ReminderSchedule.MinRepeatDays, ReminderSchedule.MaxRepeatDays);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = new List<Due>();
        due.AddRange(await UnconfirmedCashAsync(db, today, Math.Max(o.CashConfirmDays, 0), o.BatchSize, ct));
        due.AddRange(await InstalmentsOverdueAsync(db, today, o.BatchSize, ct));
        due.AddRange(await ReturnsOverdueAsync(db, today, o.BatchSize, ct));

        var written = 0;
        foreach (var kind in due.GroupBy(d => d.Kind))
        {
            var subjects = kind.Select(d => d.SubjectId).Distinct().ToList();
            var sent = (await db.OverdueReminders.AsNoTracking().Where(r => r.Kind == kind.Key && subjects.Contains(r.SubjectId))
                    .Select(r => new { r.SubjectId, r.RecipientPersonId, r.Round }).ToListAsync(ct))
                .Select(r => (r.SubjectId, r.RecipientPersonId, r.Round)).ToHashSet();
            foreach (var d in kind)
            {
                var round = ReminderSchedule.RoundOf(d.OverdueFrom, today, repeat)!.Value;
                if (!sent.Contains((d.SubjectId, d.Recipient, round)) && await WriteAsync(d, round, today, now, ct))
                {
                    written++;
                }
            }
        }

        LogRun(logger, due.Count, written, watch.ElapsedMilliseconds);
        return written;
    }

    /// <summary>Cash handed over and not confirmed within the days finance has: to everyone in finance (HR), who confirm it.</summary>
    private static async Task<IEnumerable<Due>> UnconfirmedCashAsync(AppDbContext db, DateOnly today, int days, int batch, CancellationToken ct)
    {
        var lastCollected = today.AddDays(-days);
        var cash = await db.CashHandOvers.AsNoTracking().Where(h => !h.Confirmed && h.CollectedOn < lastCollected)
            .OrderBy(h => h.CollectedOn).ThenBy(h => h.Id).Take(batch)
            .Select(h => new { h.Id, h.TicketId, h.PersonId, h.Amount, h.CollectedOn, Number = db.Tickets.Where(t => t.Id == h.TicketId).Select(t => t.Number).First() })
            .ToListAsync(ct);
        if (cash.Count == 0)
        {
            return [];
        }

        var finance = await db.People.Where(p => p.IsActive && p.Status != EmploymentStatus.Left && db.Positions.Any(pos => pos.Id == p.PositionId && pos.Role == RoleNames.Hr))
            .Select(p => p.Id).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, cash.Select(h => (int?)h.PersonId), ct);
        return cash.SelectMany(h => finance.Select(f => new Due(OverdueKind.UnconfirmedCash, h.Id, f, h.CollectedOn.AddDays(days + 1), h.TicketId, "/expenses",
            [h.Number, Yuan.Format(h.Amount), names.GetValueOrDefault(h.PersonId, ""), Days(h.CollectedOn, today)])));
    }

    /// <summary>Instalments of contracts in force past their due day and not fully paid: to the person answering for the contract.</summary>
    private static async Task<IEnumerable<Due>> InstalmentsOverdueAsync(AppDbContext db, DateOnly today, int batch, CancellationToken ct)
    {
        var rows = await (from i in db.ContractInstalments.AsNoTracking()
                          join c in db.MaintenanceContracts on i.ContractId equals c.Id
                          where c.Status == ContractStatus.Active && i.DueOn < today && i.Collected < i.Amount
                          orderby i.DueOn, i.Id
                          select new
                          {
                              i.Id, i.ContractId, i.Sequence, i.DueOn, i.Amount, i.Collected, c.Number, c.ResponsiblePersonId,
                              Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).First(),
                          }).Take(batch).ToListAsync(ct);
        return rows.Select(i => new Due(OverdueKind.InstalmentOverdue, i.Id, i.ResponsiblePersonId, i.DueOn.AddDays(1), null, $"/contracts/{i.ContractId}",
            [i.Number, i.Customer, i.Sequence.ToString(CultureInfo.InvariantCulture), Day(i.DueOn), Yuan.Format(i.Amount - i.Collected), Days(i.DueOn, today)]));
    }

    /// <summary>Returns still open after the day promised: to the person answering for the repair.</summary>
    private static async Task<IEnumerable<Due>> ReturnsOverdueAsync(AppDbContext db, DateOnly today, int batch, CancellationToken ct)
    {
        // By the named open statuses, which the (Status, DueOn) index reads, as the returns list does.
        ReturnStatus[] open = [.. Enum.GetValues<ReturnStatus>().Where(ReturnTransitions.IsOpen)];
        var rows = await db.ProductReturns.AsNoTracking().Where(r => open.Contains(r.Status) && r.DueOn < today)
            .OrderBy(r => r.DueOn).ThenBy(r => r.Id).Take(batch)
            .Select(r => new { r.Id, r.Item, r.DueOn, r.ResponsiblePersonId, r.TicketId }).ToListAsync(ct);
        return rows.Select(r => new Due(OverdueKind.ReturnOverdue, r.Id, r.ResponsiblePersonId, r.DueOn.AddDays(1), r.TicketId, $"/returns/{r.Id}",
            [ProductReturn.NumberOf(r.Id), r.Item, Day(r.DueOn), Days(r.DueOn, today)]));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Days(DateOnly since, DateOnly today) => (today.DayNumber - since.DayNumber).ToString(CultureInfo.InvariantCulture);

    /// <summary>The reminder row and its notification in one SaveChanges; false when another run wrote that round first.</summary>
    private async Task<bool> WriteAsync(Due d, int round, DateOnly today, DateTime now, CancellationToken ct)
    {
        var record = new OverdueReminderRecord { Kind = d.Kind, SubjectId = d.SubjectId, RecipientPersonId = d.Recipient, Round = round, OverdueFrom = d.OverdueFrom, CreatedAtUtc = now };
        record.Notifications.Add(new Notification
        {
            RecipientPersonId = d.Recipient,
            Kind = d.Kind switch
            {
                OverdueKind.UnconfirmedCash => NotificationKind.UnconfirmedCash,
                OverdueKind.InstalmentOverdue => NotificationKind.InstalmentOverdue,
                _ => NotificationKind.ReturnOverdue,
            },
            TicketId = d.TicketId,
            Link = d.Link,
            TitleKey = $"Notification.{d.Kind}.Title",
            BodyKey = $"Notification.{d.Kind}.Body",
            ParametersJson = Notification.ToJson(d.Arguments.Select((a, i) => (Key: i.ToString(CultureInfo.InvariantCulture), a)).ToDictionary(x => x.Key, x => x.a)),
            CreatedAtUtc = now,
        });

        await using var db = await contexts.CreateDbContextAsync(ct);
        db.OverdueReminders.Add(record);
        if (!await contexts.SaveOnceAsync(db, (check, c) =>
                check.OverdueReminders.AnyAsync(r => r.Kind == d.Kind && r.SubjectId == d.SubjectId && r.RecipientPersonId == d.Recipient && r.Round == round, c), ct))
        {
            return false; // written by a concurrent run: the unique key refused this one, and with it its notification
        }

        LogReminder(logger, d.Kind, d.SubjectId, d.Recipient, round, today);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Overdue reminders: {OverdueCount} overdue, {ReminderCount} reminders written, {ElapsedMs} ms.")]
    private static partial void LogRun(ILogger logger, int overdueCount, int reminderCount, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Overdue reminder {Kind} {SubjectId} to person {PersonId}, round {Round}, on {Today}.")]
    private static partial void LogReminder(ILogger logger, OverdueKind kind, int subjectId, int personId, int round, DateOnly today);
}
