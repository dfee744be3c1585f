using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Complaints;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Complaints;

/// <summary>
/// What a client may state about a complaint when receiving or correcting it. Enums come as names so that a wrong
/// value is a field error. An empty deadline means the default (receipt + the department policy's
/// <see cref="Domain.DepartmentPolicies.DepartmentPolicy.ComplaintDeadlineDays"/> days) on receipt and "unchanged" on edit. Status, assignee, validity and the like are set only by their commands.
/// </summary>
public sealed record ComplaintRequest(
    string? Source,
    string? Complainant,
    int? TicketId,
    int? EngineerPersonId,
    string? Category,
    string? Severity,
    string? Description,
    DateTime? DeadlineUtc,
    int Version = 0);

public sealed record AssignComplaintRequest(int? AssigneePersonId, int Version);

/// <summary>A command without inputs of its own (start investigation, customer confirmation, close).</summary>
public sealed record ComplaintStepRequest(int Version);

/// <summary><paramref name="CompensationAmount"/> in CNY; empty means none.</summary>
public sealed record ResolveComplaintRequest(string? RootCause, string? CorrectiveAction, decimal? CompensationAmount, int Version);

public sealed record RejectResolutionRequest(string? Reason, int Version);

/// <summary><paramref name="AttributableToService"/> empty means no (an invalid complaint never is).</summary>
public sealed record DecideValidityRequest(bool? IsValid, bool? AttributableToService, string? Reason, int Version);

public sealed record ComplaintQuery(ComplaintStatus? Status = null, bool OverdueOnly = false, string? Search = null, int Page = 1, int PageSize = 25);

public sealed record ComplaintSummary(
    int Id,
    DateTime ReceivedAtUtc,
    ComplaintSource Source,
    string Complainant,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    ComplaintStatus Status,
    DateTime DeadlineUtc,
    bool IsOverdue,
    int? AssigneePersonId,
    string? AssigneeName,
    bool? IsValid,
    bool? AttributableToService);

public sealed record ComplaintEventView(DateTime AtUtc, int ActorPersonId, string? ActorName, string Action, ComplaintStatus FromStatus, ComplaintStatus ToStatus, string? Note);

/// <summary>
/// A complaint with its history. <see cref="AllowedActions"/> are the commands the lifecycle allows now and the caller
/// may give (closing still needs the validity decision).
/// </summary>
public sealed record ComplaintView(
    int Id,
    ComplaintSource Source,
    string Complainant,
    int? TicketId,
    int? EngineerPersonId,
    string? EngineerName,
    ComplaintCategory Category,
    ComplaintSeverity Severity,
    string Description,
    DateTime ReceivedAtUtc,
    int ReceivedByPersonId,
    string? ReceivedByName,
    DateTime DeadlineUtc,
    bool IsOverdue,
    ComplaintStatus Status,
    int? AssigneePersonId,
    string? AssigneeName,
    string? RootCause,
    string? CorrectiveAction,
    decimal CompensationAmount,
    bool? IsValid,
    bool? AttributableToService,
    bool CountsAgainstPeople,
    int? DecidedByPersonId,
    string? DecidedByName,
    DateTime? DecidedAtUtc,
    string? DecisionReason,
    DateTime? ClosedAtUtc,
    int Version,
    IReadOnlyList<ComplaintAction> AllowedActions,
    IReadOnlyList<ComplaintEventView> Events,
    string? TicketNumber = null);

/// <summary>Someone who can be named on a complaint (the engineer concerned, the assignee).</summary>
public sealed record ComplaintPersonOption(int Id, string Name, string EmployeeNumber, string Role);

/// <summary>
/// Complaints (客诉, R-CMP-1): received → assigned → investigating → resolved → customer confirmed → closed, with the
/// department head's decision whether a complaint is valid and attributable to service. Every command is recorded in
/// the complaint's history under the person who gave it, so an account without a person cannot give commands.
/// </summary>
public sealed class ComplaintHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public const int MaxPageSize = 200;

    public static Refusal NoPerson { get; } = Refusal.Forbidden(
        "Your sign-in is not linked to a person. Complaint actions are recorded under the person who takes them: use a personal account.");

    public async Task<PageOf<ComplaintSummary>> SearchAsync(ComplaintQuery q, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var complaints = db.Complaints.AsNoTracking();
        if (q.Status is { } status)
        {
            complaints = complaints.Where(c => c.Status == status);
        }

        if (q.OverdueOnly)
        {
            complaints = complaints.Where(c => c.Status != ComplaintStatus.Closed && c.DeadlineUtc < now);
        }

        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim();
            complaints = int.TryParse(term, out var number)
                ? complaints.Where(c => c.Id == number || c.TicketId == number || c.Complainant.Contains(term))
                : complaints.Where(c => c.Complainant.Contains(term) || c.Description.Contains(term));
        }

        var pageSize = Math.Clamp(q.PageSize, 1, MaxPageSize);
        var page = Math.Max(q.Page, 1);
        var total = await complaints.CountAsync(ct);
        var items = await (
                from c in complaints.OrderByDescending(c => c.ReceivedAtUtc).ThenByDescending(c => c.Id).Skip((page - 1) * pageSize).Take(pageSize)
                join p in db.People on c.AssigneePersonId equals p.Id into assignees
                from assignee in assignees.DefaultIfEmpty()
                select new ComplaintSummary(c.Id, c.ReceivedAtUtc, c.Source, c.Complainant, c.Category, c.Severity, c.Status, c.DeadlineUtc,
                    c.Status != ComplaintStatus.Closed && c.DeadlineUtc < now, c.AssigneePersonId, assignee != null ? assignee.Name : null,
                    c.IsValid, c.AttributableToService))
            .ToListAsync(ct);

        // A join after Skip/Take does not promise to keep the order: sort the page again.
        items = items.OrderByDescending(i => i.ReceivedAtUtc).ThenByDescending(i => i.Id).ToList();
        return new PageOf<ComplaintSummary>(items, total, page, pageSize);
    }

    public async Task<ComplaintView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return complaint is null ? null : await ViewAsync(db, complaint, user, ct);
    }

    /// <summary>Active people, for choosing the engineer concerned and the assignee.</summary>
    public async Task<IReadOnlyList<ComplaintPersonOption>> PeopleAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (
                from p in ActivePeople(db)
                join pos in db.Positions on p.PositionId equals pos.Id
                orderby p.EmployeeNumber
                select new ComplaintPersonOption(p.Id, p.Name, p.EmployeeNumber, pos.Role))
            .ToListAsync(ct);
    }

    public async Task<Result<ComplaintView>> ReceiveAsync(ComplaintRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var policy = await DepartmentPolicies.DepartmentPolicyHandlers.CurrentAsync(db, ct);
        var (details, errors) = await ReadDetailsAsync(db, r, policy.ComplaintDeadline(now), ct);
        if (errors.Any)
        {
            return Merge(errors, ComplaintRules.Check(details, now)).ToRefusal();
        }

        if (user.PersonId() is not { } actor)
        {
            return NoPerson;
        }

        var received = Complaint.Receive(details, actor, now);
        if (!received.Succeeded)
        {
            return received.Refusal!;
        }

        var complaint = received.Value!;
        db.Complaints.Add(complaint);
        await db.TrySaveAsync(user, ct);
        return await ViewAsync(db, complaint, user, ct);
    }

    public Task<Result<ComplaintView>> EditAsync(int id, ComplaintRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null, async (db, c, actor, now) =>
        {
            var (details, errors) = await ReadDetailsAsync(db, r, c.DeadlineUtc, ct);
            if (errors.Any)
            {
                // As the domain does: an unchanged deadline is checked against the receipt, a new one against now.
                return Merge(errors, ComplaintRules.Check(details, details.DeadlineUtc == c.DeadlineUtc ? c.ReceivedAtUtc : now)).ToRefusal();
            }

            return c.Edit(details, actor, now);
        }, ct);

    public Task<Result<ComplaintView>> AssignAsync(int id, AssignComplaintRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null, async (db, c, actor, now) =>
        {
            if (r.AssigneePersonId is not { } assignee)
            {
                return Refusal.Invalid("assigneePersonId", "required", "assigneePersonId is required.");
            }

            if (!await ActivePeople(db).AnyAsync(p => p.Id == assignee, ct))
            {
                return Refusal.Invalid("assigneePersonId", "unknown", "assigneePersonId does not name an active person.");
            }

            return c.Assign(assignee, actor, now);
        }, ct);

    public Task<Result<ComplaintView>> StartInvestigationAsync(int id, ComplaintStepRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null, (_, c, actor, now) => Task.FromResult(c.StartInvestigation(actor, now)), ct);

    public Task<Result<ComplaintView>> ResolveAsync(int id, ResolveComplaintRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null,
            (_, c, actor, now) => Task.FromResult(c.Resolve(r.RootCause ?? "", r.CorrectiveAction ?? "", r.CompensationAmount ?? 0m, actor, now)), ct);

    public Task<Result<ComplaintView>> RejectResolutionAsync(int id, RejectResolutionRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, r.Reason?.Trim(), (_, c, actor, now) => Task.FromResult(c.RejectResolution(r.Reason ?? "", actor, now)), ct);

    public Task<Result<ComplaintView>> ConfirmByCustomerAsync(int id, ComplaintStepRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null, (_, c, actor, now) => Task.FromResult(c.ConfirmByCustomer(actor, now)), ct);

    public Task<Result<ComplaintView>> CloseAsync(int id, ComplaintStepRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, null, (_, c, actor, now) => Task.FromResult(c.Close(actor, now)), ct);

    /// <summary>The department head's decision (有效投诉 / 确属服务责任); the domain refuses anyone else.</summary>
    public Task<Result<ComplaintView>> DecideValidityAsync(int id, DecideValidityRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        ActAsync(id, r.Version, user, r.Reason?.Trim(), (_, c, actor, now) =>
        {
            if (r.IsValid is not { } isValid)
            {
                var errors = new FieldErrors();
                errors.Add("isValid", "required", "isValid is required.");
                errors.RequiredText("reason", r.Reason, ComplaintRules.ReasonMaxLength);
                return Task.FromResult<Refusal?>(errors.ToRefusal());
            }

            // A valid complaint counts against the person it is about (their assessment): never decided by that person.
            if (c.EngineerPersonId is { } about && user.RefuseSelf(about, "deciding whether a complaint about oneself is valid") is { } self)
            {
                return Task.FromResult<Refusal?>(self);
            }

            return Task.FromResult(c.DecideValidity(isValid, r.AttributableToService ?? false, r.Reason ?? "", actor,
                user.IsInRole(RoleNames.DepartmentHead), now));
        }, ct);

    /// <summary>
    /// The one path of every command on an existing complaint: 404, then the caller's person (403), then the version
    /// (409), then the command itself; saved under the caller with <paramref name="reason"/> in the audit rows.
    /// </summary>
    private async Task<Result<ComplaintView>> ActAsync(int id, int version, ClaimsPrincipal user, string? reason,
        Func<AppDbContext, Complaint, int, DateTime, Task<Refusal?>> command, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null)
        {
            return Refusal.NotFound("Complaint");
        }

        if (user.PersonId() is not { } actor)
        {
            return NoPerson;
        }

        if (complaint.Version != version)
        {
            return Refusal.StaleVersion();
        }

        if (await command(db, complaint, actor, Now()) is { } refusal)
        {
            return refusal;
        }

        // Every command changes the row, even one that only adds to the history: the version always moves on.
        db.Entry(complaint).Property(c => c.Version).IsModified = true;
        return await db.TrySaveAsync(user, ct, reason) ? await ViewAsync(db, complaint, user, ct) : Refusal.StaleVersion();
    }

    private async Task<ComplaintView> ViewAsync(AppDbContext db, Complaint c, ClaimsPrincipal user, CancellationToken ct)
    {
        int?[] mentioned = [c.EngineerPersonId, c.ReceivedByPersonId, c.AssigneePersonId, c.DecidedByPersonId, .. c.Events.Select(e => (int?)e.ActorPersonId)];
        var ids = mentioned.OfType<int>().Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        string? Name(int? personId) => personId is { } pid ? names.GetValueOrDefault(pid) : null;
        var ticketNumber = c.TicketId is { } ticketId ? await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).FirstOrDefaultAsync(ct) : null;

        return new ComplaintView(c.Id, c.Source, c.Complainant, c.TicketId, c.EngineerPersonId, Name(c.EngineerPersonId), c.Category, c.Severity,
            c.Description, c.ReceivedAtUtc, c.ReceivedByPersonId, Name(c.ReceivedByPersonId), c.DeadlineUtc, c.IsOverdue(Now()), c.Status,
            c.AssigneePersonId, Name(c.AssigneePersonId), c.RootCause, c.CorrectiveAction, c.CompensationAmount, c.IsValid, c.AttributableToService,
            c.CountsAgainstPeople, c.DecidedByPersonId, Name(c.DecidedByPersonId), c.DecidedAtUtc, c.DecisionReason, c.ClosedAtUtc, c.Version,
            AllowedActions(c.Status, user),
            c.Events.OrderBy(e => e.AtUtc).Select(e => new ComplaintEventView(e.AtUtc, e.ActorPersonId, Name(e.ActorPersonId), e.Action, e.FromStatus, e.ToStatus, e.Note)).ToList(),
            ticketNumber);
    }

    /// <summary>The ticket a typed ticket number names (as printed on the service report), or null.</summary>
    public async Task<int?> TicketIdByNumberAsync(string number, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var trimmed = number.Trim();
        return await db.Tickets.AsNoTracking().Where(t => t.Number == trimmed).Select(t => (int?)t.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>What the lifecycle allows now, narrowed to what this caller may do.</summary>
    public static IReadOnlyList<ComplaintAction> AllowedActions(ComplaintStatus status, ClaimsPrincipal user)
    {
        if (user.PersonId() is null)
        {
            return [];
        }

        return ComplaintTransitions.AllowedActions(status)
            .Where(a => user.Can(a == ComplaintAction.DecideValidity ? Policies.DecideComplaintValidity : Policies.ManageComplaints))
            .ToList();
    }

    /// <summary>Parses the names and checks the people named; the shape rules are the domain's.</summary>
    private static async Task<(ComplaintDetails Details, FieldErrors Errors)> ReadDetailsAsync(
        AppDbContext db, ComplaintRequest r, DateTime defaultDeadlineUtc, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var source = ParseEnum<ComplaintSource>(errors, "source", r.Source);
        var category = ParseEnum<ComplaintCategory>(errors, "category", r.Category);
        var severity = ParseEnum<ComplaintSeverity>(errors, "severity", r.Severity);
        if (r.EngineerPersonId is { } engineer && engineer > 0 && !await db.People.AnyAsync(p => p.Id == engineer, ct))
        {
            errors.Add("engineerPersonId", "unknown", "engineerPersonId does not name a person.");
        }

        var deadline = r.DeadlineUtc is { } d ? AsUtc(d) : defaultDeadlineUtc;
        var details = new ComplaintDetails(source, r.Complainant ?? "", r.TicketId, r.EngineerPersonId, category, severity, r.Description ?? "", deadline);
        return (details, errors);
    }

    private static T ParseEnum<T>(FieldErrors errors, string field, string? value)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, "required", $"{field} is required.");
        }
        else if (int.TryParse(value, out _) || !Enum.TryParse<T>(value.Trim(), ignoreCase: true, out var parsed))
        {
            errors.Add(field, "unknown", $"{field} must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        }
        else
        {
            return parsed;
        }

        return default;
    }

    /// <summary>The request's errors, then the rules' errors for the other fields: every problem at once, one per field.</summary>
    private static FieldErrors Merge(FieldErrors first, FieldErrors rules)
    {
        var reported = first.All.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
        foreach (var error in rules.All.Where(e => !reported.Contains(e.Field)))
        {
            first.Add(error.Field, error.Code, error.Message);
        }

        return first;
    }

    /// <summary>A time without an offset is taken as UTC (the field says so); one with an offset is converted.</summary>
    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static IQueryable<Person> ActivePeople(AppDbContext db) => db.People.AsNoTracking().Where(p => p.IsActive && p.Status != EmploymentStatus.Left);

    private DateTime Now() => time.GetUtcNow().UtcDateTime;
}
