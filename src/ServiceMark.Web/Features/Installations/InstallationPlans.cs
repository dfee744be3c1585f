using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Installations;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Features.Tickets;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Installations;

/// <summary>
/// 安装调试计划 (R-EXP-3, issue 14 point 6): the service office plans a customer's installation — units, days, crew — and releases
/// it as a 安装调试 ticket dispatched to the crew; the ticket's signed service report is the commissioning report. Who sees
/// which: <see cref="InstallationAccess"/>.
/// </summary>
public sealed class InstallationPlans(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock, TicketCreation creation, TicketHandlers tickets)
{
    /// <summary>The ticket of a plan is created by this system user, so that a release retried by anyone finds the same ticket by its key.</summary>
    internal const string ReleaseUserId = "system:installations";

    private static readonly ClaimsPrincipal Releaser = PlannedTickets.SystemUser(ReleaseUserId);

    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<InstallationView>> PlanAsync(InstallationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = await CheckReferencesAsync(db, r, ct);
        var planned = InstallationPlan.Plan(Now, user.PersonId(), Terms(r, errors));
        if (errors.Refuse(planned.Refusal) is { } refused)
        {
            return refused;
        }

        db.InstallationPlans.Add(planned.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(planned.Value!.Id, user, ct))!;
    }

    public async Task<Result<InstallationView>> EditAsync(int id, InstallationRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.InstallationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Refusal.NotFound("Installation plan");
        }

        db.Entry(plan).Property(p => p.Version).OriginalValue = r.Version;
        if (plan.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var errors = await CheckReferencesAsync(db, r, ct);
        var edited = plan.Edit(Terms(r, errors));
        if (errors.Refuse(edited) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>
    /// Opens the plan's ticket and dispatches it to the crew, then marks the plan released. Each part can be retried: the ticket is
    /// found again by its key, and the steps it already took are not taken again; of two releases at once one is a 409.
    /// </summary>
    public async Task<Result<InstallationView>> ReleaseAsync(int id, InstallationStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person of the department releases a plan.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.InstallationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Refusal.NotFound("Installation plan");
        }

        if (plan.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (InstallationTransitions.Next(plan.Status, InstallationAction.Release) is null)
        {
            return Refusal.Conflict("invalid_transition", $"A plan that is {plan.Status} is not released again.");
        }

        var request = await TicketRequestAsync(db, plan, ct);
        if (request is null)
        {
            return Refusal.Invalid("customerId", "not_visitable", "The customer needs a contact with a phone number and a site before the installation's ticket can be opened.");
        }

        var created = await creation.CreateAsync(request, Releaser, plan.TicketKey, ct);
        var ticketId = created.Value?.Id ?? await TicketCreation.ExistingAsync(db, ReleaseUserId, plan.TicketKey, ct);
        if (ticketId is not { } ticket)
        {
            return created.Refusal ?? Refusal.Conflict("not_opened", "The installation's ticket could not be opened.");
        }

        if (await DispatchAsync(ticket, plan, user, ct) is { } notDispatched)
        {
            return notDispatched;
        }

        db.Entry(plan).Property(p => p.Version).OriginalValue = r.Version;
        if (plan.Release(Now, me, ticket) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Registers, classifies (安装调试) and dispatches the ticket to the crew as the releasing user — the steps it has not taken yet.</summary>
    private async Task<Refusal?> DispatchAsync(int ticketId, InstallationPlan plan, ClaimsPrincipal user, CancellationToken ct)
    {
        var view = await tickets.GetAsync(ticketId, user, ct);
        if (view is null)
        {
            return Refusal.Forbidden("You may not dispatch the installation's ticket.");
        }

        var steps = new (TicketStatus From, TicketAction Action, TicketActionRequest Request)[]
        {
            (TicketStatus.Reported, TicketAction.Register, new TicketActionRequest(0)),
            (TicketStatus.Registered, TicketAction.Classify, new TicketActionRequest(0, FaultCategory: nameof(FaultCategory.Installation), Urgency: nameof(Urgency.Normal))),
            (TicketStatus.Classified, TicketAction.Dispatch, new TicketActionRequest(0, EngineerIds: plan.EngineerIds, LeadId: plan.ResponsiblePersonId)),
        };
        foreach (var (from, action, request) in steps)
        {
            if (view.Status != from)
            {
                continue;
            }

            var done = await tickets.ApplyAsync(ticketId, action, request with { Version = view.Version }, user, ct);
            if (done.Refusal is { } refused)
            {
                return refused;
            }

            view = done.Value!;
        }

        return null;
    }

    public async Task<Result<InstallationView>> CancelAsync(int id, InstallationStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = await db.InstallationPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null)
        {
            return Refusal.NotFound("Installation plan");
        }

        db.Entry(plan).Property(p => p.Version).OriginalValue = r.Version;
        if (plan.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (plan.Cancel(r.Reason) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    public async Task<PageOf<InstallationSummary>> ListAsync(InstallationFilter filter, string? search, ClaimsPrincipal user, int page, int pageSize,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var rows = from p in InstallationAccess.Visible(db.InstallationPlans.AsNoTracking(), user)
                   join t in db.Tickets on p.TicketId equals t.Id into linked
                   from t in linked.DefaultIfEmpty()
                   select new { Plan = p, Signed = t == null ? null : t.ReportSignedAtUtc, TicketNumber = t == null ? null : t.Number };
        rows = filter switch
        {
            InstallationFilter.Open => rows.Where(x => x.Plan.Status != InstallationStatus.Cancelled && x.Signed == null),
            InstallationFilter.Late => rows.Where(x => x.Plan.Status != InstallationStatus.Cancelled && x.Signed == null && x.Plan.PlannedFinish < today),
            InstallationFilter.Commissioned => rows.Where(x => x.Signed != null),
            _ => rows,
        };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var upper = s.ToUpperInvariant();
            var byId = upper.StartsWith("AZ", StringComparison.Ordinal) && int.TryParse(upper[2..], out var n) ? n : -1;
            var customers = await db.Customers.Where(c => c.Name.Contains(s)).OrderBy(c => c.Id).Select(c => c.Id).Take(100).ToListAsync(ct);
            rows = rows.Where(x => x.Plan.Id == byId || x.TicketNumber == upper || customers.Contains(x.Plan.CustomerId));
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await rows.CountAsync(ct);
        var ordered = filter is InstallationFilter.Open or InstallationFilter.Late
            ? rows.OrderBy(x => x.Plan.PlannedStart).ThenBy(x => x.Plan.Id)
            : rows.OrderByDescending(x => x.Plan.Id);
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Plan.Id, x.Plan.Status, x.Plan.UnitIds, x.Plan.PlannedStart, x.Plan.PlannedFinish, x.Signed, x.TicketNumber,
                Customer = db.Customers.Where(c => c.Id == x.Plan.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Responsible = db.People.Where(p => p.Id == x.Plan.ResponsiblePersonId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new PageOf<InstallationSummary>(items.Select(x =>
        {
            var progress = Progress(x.Status, x.Signed);
            var signedOn = x.Signed is { } s ? DateOnly.FromDateTime(clock.ToLocal(s)) : (DateOnly?)null;
            return new InstallationSummary(x.Id, InstallationPlan.NumberOf(x.Id), progress, Late(progress, x.PlannedFinish, today), x.Customer ?? "", x.UnitIds.Count,
                x.PlannedStart, x.PlannedFinish, x.Responsible ?? "", x.TicketNumber, signedOn);
        }).ToList(), total, page, pageSize);
    }

    public async Task<InstallationView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var p = await InstallationAccess.Visible(db.InstallationPlans.AsNoTracking(), user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            return null;
        }

        var customer = await db.Customers.Where(c => c.Id == p.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var units = await (from u in db.ProductUnits
                           join m in db.ProductModels on u.ProductModelId equals m.Id
                           where p.UnitIds.Contains(u.Id)
                           orderby u.SerialNumber
                           select new InstallationUnit(u.Id, u.SerialNumber, m.Name)).ToListAsync(ct);
        var ticket = p.TicketId is { } t
            ? await db.Tickets.Where(x => x.Id == t).Select(x => new { x.Number, x.Status, x.ReportSignedAtUtc }).FirstOrDefaultAsync(ct)
            : null;
        var stamped = p.TicketId is { } st
            ? await db.Tickets.Where(x => x.Id == st).SelectMany(x => x.Reports).OrderByDescending(r => r.Revision).Select(r => (bool?)r.CustomerStamped).FirstOrDefaultAsync(ct)
            : null;
        var names = await PersonNames.OfAsync(db, [.. p.EngineerIds.Select(e => (int?)e), p.ReleasedById], ct);
        var progress = Progress(p.Status, ticket?.ReportSignedAtUtc);
        var signedOn = ticket?.ReportSignedAtUtc is { } s ? DateOnly.FromDateTime(clock.ToLocal(s)) : (DateOnly?)null;
        return new InstallationView(p.Id, p.Number, progress, Late(progress, p.PlannedFinish, clock.Today), p.CustomerId, customer, units, p.PlannedStart,
            p.PlannedFinish, p.ResponsiblePersonId, names.GetValueOrDefault(p.ResponsiblePersonId, ""),
            p.EngineerIds.Select(e => new CrewMember(e, names.GetValueOrDefault(e, ""))).ToList(), p.Note, p.TicketId, ticket?.Number, ticket?.Status.ToString(),
            signedOn, signedOn is null ? null : stamped, p.CommissionedOnTime(signedOn), p.ReleasedById is { } by ? names.GetValueOrDefault(by) : null, p.CancelReason,
            p.Version);
    }

    private static InstallationProgress Progress(InstallationStatus status, DateTime? signed) => status switch
    {
        InstallationStatus.Cancelled => InstallationProgress.Cancelled,
        _ when signed is not null => InstallationProgress.Commissioned,
        InstallationStatus.Released => InstallationProgress.Released,
        _ => InstallationProgress.Planned,
    };

    private static bool Late(InstallationProgress progress, DateOnly finish, DateOnly today) =>
        progress is InstallationProgress.Planned or InstallationProgress.Released && finish < today;

    private static InstallationTerms Terms(InstallationRequest r, FieldErrors errors)
    {
        if (r.PlannedStart is null)
        {
            errors.Add("plannedStart", "required", "plannedStart is required.");
        }

        if (r.PlannedFinish is null)
        {
            errors.Add("plannedFinish", "required", "plannedFinish is required.");
        }

        var start = r.PlannedStart ?? default;
        return new InstallationTerms(r.CustomerId, r.UnitIds, start, r.PlannedFinish ?? start, r.ResponsiblePersonId, r.EngineerIds, r.Note);
    }

    /// <summary>The customer, its units and the crew named exist; the crew are active people.</summary>
    private static async Task<FieldErrors> CheckReferencesAsync(AppDbContext db, InstallationRequest r, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId && c.IsActive, ct))
        {
            errors.Add("customerId", "unknown", "customerId does not name an active customer.");
        }

        if (!await db.People.AnyAsync(p => p.Id == r.ResponsiblePersonId && p.IsActive, ct))
        {
            errors.Add("responsiblePersonId", "unknown", "responsiblePersonId does not name an active person.");
        }

        var crew = (r.EngineerIds ?? []).Distinct().ToList();
        if (crew.Count is > 0 and <= InstallationPlan.MaxEngineers && await db.People.CountAsync(p => crew.Contains(p.Id) && p.IsActive, ct) != crew.Count)
        {
            errors.Add("engineerIds", "unknown", "engineerIds names someone who is not an active person.");
        }

        var units = (r.UnitIds ?? []).Distinct().ToList();
        if (units.Count is > 0 and <= InstallationPlan.MaxUnits
            && await db.ProductUnits.CountAsync(u => units.Contains(u.Id) && u.CustomerId == r.CustomerId, ct) != units.Count)
        {
            errors.Add("unitIds", "unknown", "unitIds names a unit that is not the customer's.");
        }

        return errors;
    }

    /// <summary>The ticket of a plan: the customer's first contact with a phone and first site, the first unit, all of them in the description.</summary>
    private static Task<CreateTicketRequest?> TicketRequestAsync(AppDbContext db, InstallationPlan plan, CancellationToken ct) =>
        PlannedTickets.RequestAsync(db, plan.CustomerId, plan.UnitIds, FaultCategory.Installation, serials =>
            $"安装计划 {plan.Number}：{serials.Count} 台设备安装调试，计划 {plan.PlannedStart:yyyy-MM-dd} 至 {plan.PlannedFinish:yyyy-MM-dd}，"
            + $"完工后请客户在调试报告上签字并加盖公章。设备：{string.Join("、", serials)}。" + (plan.Note is { } note ? $"备注：{note}" : ""), ct);
}

/// <summary>
/// Who sees which plans: the service office, leaders, the GM and the administrator all of them; an engineer the ones they are in
/// the crew of.
/// </summary>
internal static class InstallationAccess
{
    private static readonly RoleScope<InstallationPlan> Scope = new(
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.GeneralManager],
        me => p => p.EngineerIds.Contains(me));

    public static bool SeesAll(ClaimsPrincipal user) => Scope.SeesAll(user);

    public static IQueryable<InstallationPlan> Visible(IQueryable<InstallationPlan> all, ClaimsPrincipal user) => Scope.Visible(all, user);
}
