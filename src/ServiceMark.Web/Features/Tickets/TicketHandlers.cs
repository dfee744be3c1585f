using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Dispatch;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Domain.Warranty;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Attachments;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Idempotency;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// Service tickets from report to follow-up (R-TKT-2..6): the lifecycle rules are the domain's; this class loads,
/// checks who may act, calls the rule, and saves with the audit trail.
/// </summary>
public sealed class TicketHandlers(
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    CompanyClock clock,
    TicketServiceLevels serviceLevels,
    TicketOutcomes outcomes,
    AttachmentStore attachments,
    Parts.PartConsumption consumption)
{
    /// <summary>Actions an assigned engineer may take on their own ticket; everything else is for dispatchers and leaders.</summary>
    private static readonly HashSet<TicketAction> EngineerActions =
    [
        TicketAction.Accept, TicketAction.Decline, TicketAction.StartTravel, TicketAction.Arrive, TicketAction.Diagnose, TicketAction.Resolve,
        TicketAction.ResolveRemotely, TicketAction.WaitForCustomer, TicketAction.CustomerResponded, TicketAction.TransferToSupplier, TicketAction.SupplierReplied,
        TicketAction.Escalate, TicketAction.SignReport, TicketAction.TakeFromPool,
    ];

    private static readonly HashSet<TicketAction> LeaderActions = [TicketAction.ApproveReport, TicketAction.RejectReport];

    public async Task<TicketView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user).AsNoTracking(), id, ct);
        return ticket is null ? null : await ToViewAsync(db, ticket, user, ct);
    }

    /// <summary>
    /// The one place a ticket change is saved: the change, its audit rows and the re-measured service-level outcomes of the
    /// tickets it touched (<see cref="TicketOutcomes"/>) commit together. False when the ticket's version was stale.
    /// </summary>
    private async Task<bool> SaveAsync(AppDbContext db, ClaimsPrincipal user, CancellationToken ct, string? reason = null)
    {
        var touched = TicketOutcomes.ToMeasure(db); // before saving: which were closed already is known from the original values
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (!await db.TrySaveAsync(user, ct, reason))
        {
            return false;
        }

        await outcomes.MeasureAsync(db, touched, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }

        return true;
    }

    public async Task<Result<TicketView>> ApplyAsync(int id, TicketAction action, TicketActionRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user), id, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (!MayAct(user, ticket, action))
        {
            return Refusal.Forbidden($"Your role may not {action} this ticket.");
        }

        db.Entry(ticket).Property(t => t.Version).OriginalValue = r.Version;
        var outcome = await ActAsync(db, ticket, action, r, user, ct);
        if (outcome is { } refused)
        {
            return refused;
        }

        if (!await SaveAsync(db, user, ct, r.Reason))
        {
            return Refusal.StaleVersion();
        }

        return (await GetAsync(id, user, ct))!;
    }

    public async Task<Result<TicketView>> RecordReportAsync(int id, ReportRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user), id, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (!MayEditReport(user, ticket))
        {
            return Refusal.Forbidden("Only an assigned engineer or a dispatcher may write the service report.");
        }

        db.Entry(ticket).Property(t => t.Version).OriginalValue = r.Version;

        // Charging the customer needs a leader's approval in the system first (R-TKT-5); the approvals are the report's reference.
        var (unapproved, reference) = await Expenses.PaidServices.CheckChargeAsync(db, id, r.PaidServiceAmount, ct);
        if (unapproved is not null)
        {
            return unapproved;
        }

        var result = ticket.RecordReport(Now, ActorOf(user), (r with { PaidServiceApprovalReference = reference }).ToContent());
        if (!result.Succeeded)
        {
            return result.Refusal!;
        }

        if (await Parts.PartConsumption.CheckLinesAsync(db, r.PartsReplaced, ct) is { Any: true } partErrors)
        {
            return partErrors.ToRefusal();
        }

        // A new revision is a new row; an edited draft bumps the ticket version so concurrent edits collide.
        db.Entry(ticket).Property(t => t.Version).IsModified = true;
        return await SaveAsync(db, user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>The customer signs after the work is recorded (R-TKT-4): the image is stored, then the report is locked.</summary>
    public async Task<Result<TicketView>> SignAsync(int id, SignRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var image = DecodeDataUrl(r.SignatureDataUrl);
        var errors = new FieldErrors();
        errors.RequiredText("signerName", r.SignerName, ServiceReport.SignerNameMaxLength);
        if (image is null)
        {
            errors.Add("signatureDataUrl", "required", "signatureDataUrl must be a PNG or JPEG image as a data URL.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user), id, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (!MayAct(user, ticket, TicketAction.SignReport))
        {
            return Refusal.Forbidden("Only an assigned engineer or a dispatcher may take the customer's signature.");
        }

        if (!TicketTransitions.IsAllowed(ticket.Status, TicketAction.SignReport) || ticket.Report is not { IsWorkRecorded: true })
        {
            // Refuse before storing the image: nothing is kept for a signature that cannot be taken.
            return ticket.SignReport(Now, ActorOf(user), new CustomerSignature("pending", r.SignerName!)).Refusal!;
        }

        // Whose stock the catalogue parts come from and whether it holds them, before anything is stored.
        var plan = await consumption.PlanAsync(db, ticket, ct);
        if (plan.Refusal is { } cannot)
        {
            return cannot;
        }

        // A planned maintenance visit is accepted by the customer on its record form: every checklist item answered first.
        if (await Contracts.MaintenanceRecords.CheckBeforeSigningAsync(db, ticket, ct) is { } incomplete)
        {
            return incomplete;
        }

        await using var stream = new MemoryStream(image!);
        var stored = await attachments.UploadAsync(AttachmentOwners.Ticket, id, $"signature-{ticket.Number}.png", stream, user, ct);
        if (!stored.Succeeded)
        {
            return Refusal.Invalid("signatureDataUrl", stored.Refusal!.Errors.Count > 0 ? stored.Refusal.Errors[0].Code : "invalid", stored.Refusal.Message);
        }

        db.Entry(ticket).Property(t => t.Version).OriginalValue = r.Version;
        var signed = ticket.SignReport(Now, ActorOf(user), new CustomerSignature(stored.Value!.Id, r.SignerName!.Trim(), r.CustomerStamped));
        if (!signed.Succeeded)
        {
            return signed.Refusal!;
        }

        // The signature, the parts written off and the old parts expected back commit together, or none of them.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (await consumption.PostAsync(db, plan.Value!, user, ct) is { } refused)
            {
                return refused;
            }

            if (!await SaveAsync(db, user, ct))
            {
                return Refusal.StaleVersion();
            }

            await transaction.CommitAsync(ct);
        }

        return (await GetAsync(id, user, ct))!;
    }

    public async Task<Result<TicketView>> AmendReportAsync(int id, string? text, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user), id, ct);
        if (ticket is null)
        {
            return Refusal.NotFound("Ticket");
        }

        if (!MayEditReport(user, ticket))
        {
            return Refusal.Forbidden("Only an assigned engineer or a dispatcher may amend the service report.");
        }

        var result = ticket.AmendReport(Now, ActorOf(user), text ?? "");
        if (!result.Succeeded)
        {
            return result.Refusal!;
        }

        db.Entry(ticket).Property(t => t.Version).IsModified = true;
        return await SaveAsync(db, user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Ranked engineers with the reason for each rank (R-TKT-6); the dispatcher decides.</summary>
    public async Task<IReadOnlyList<DispatchSuggestion>?> SuggestEngineersAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (ticket is null || !user.Can(Policies.DispatchTickets))
        {
            return null;
        }

        var stationCode = await (from s in db.Set<Domain.Customers.CustomerSite>()
                                 join u in db.OrgUnits on s.NearestStationId equals u.Id
                                 where s.CustomerId == ticket.CustomerId
                                 select u.Code).FirstOrDefaultAsync(ct);
        var engineers = await (from p in db.People
                               join pos in db.Positions on p.PositionId equals pos.Id
                               join u in db.OrgUnits on p.OrgUnitId equals u.Id
                               where p.IsActive && pos.Role == RoleNames.Engineer
                               select new { p.Id, p.Name, p.Status, UnitCode = u.Code, UnitName = u.Name }).ToListAsync(ct);
        var load = await db.Tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.FollowedUp && t.Status != TicketStatus.Cancelled)
            .SelectMany(t => t.Assignments).GroupBy(a => a.EngineerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        // Each engineer's technical grade today (技术等级, R-GRD): the latest grade change in effect.
        var today = clock.Today;
        var engineerIds = engineers.Select(e => e.Id).ToList();
        var grades = (await db.PersonGrades.AsNoTracking().Where(g => engineerIds.Contains(g.PersonId) && g.EffectiveFrom <= today).Select(g => new { g.PersonId, g.SchemeCode, g.LevelCode, g.EffectiveFrom, g.Id }).ToListAsync(ct))
            .GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(x => x.EffectiveFrom).ThenBy(x => x.Id).Last());
        var schemes = await Grading.SchemeCatalog.LoadAsync(db, ct);
        var skills = (await db.PersonSkills.AsNoTracking().Where(s => engineerIds.Contains(s.PersonId)).ToListAsync(ct)).ToLookup(s => s.PersonId);
        var candidates = engineers.Select(e => new DispatchCandidate(e.Id, e.Name, skills[e.Id].ToDictionary(s => s.FaultCategory.ToString(), s => s.Proficiency),
            GradeOf(grades.GetValueOrDefault(e.Id) is { } g ? (schemes.For(g.SchemeCode).Scheme, g.LevelCode) : null), load.GetValueOrDefault(e.Id),
            new HashSet<string> { e.UnitCode }, e.UnitCode == stationCode ? 0m : ticket.DistanceKm, e.Status != EmploymentStatus.Left));
        var unitNames = engineers.ToDictionary(e => e.Id, e => e.UnitName);
        return DispatchRanking.Rank(candidates, new DispatchNeed(ticket.FaultCategory.ToString(), stationCode), DispatchWeights.Default)
            .Select(r => new DispatchSuggestion(r.Candidate.PersonId, r.Candidate.Name, unitNames.GetValueOrDefault(r.Candidate.PersonId), r.Score,
                r.Unavailable, r.BelowMinimumGrade, r.Reasons))
            .ToList();
    }

    /// <summary>
    /// 1 trainee (见习) … 5 expert (专家) on the default scheme; an engineer not graded yet counts as a trainee. A scheme with
    /// another number of grades is spread over 1..5 by position (lowest 1, highest 5, rounded half up: P1…P8 → 1 2 2 3 3 4 4 5).
    /// </summary>
    private static int GradeOf((Domain.Grading.GradeScheme Scheme, string LevelCode)? grade)
    {
        if (grade is not { } g || g.Scheme.IndexOf(g.LevelCode) is not (var i and >= 0))
        {
            return 1;
        }

        var top = g.Scheme.Levels.Count - 1;
        return top <= 0 ? 1 : 1 + (int)Math.Round(i * 4m / top, MidpointRounding.AwayFromZero);
    }

    private async Task<Refusal?> ActAsync(AppDbContext db, ServiceTicket ticket, TicketAction action, TicketActionRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = Now;
        var actor = ActorOf(user);
        var engineerId = actor.PersonId ?? 0;
        switch (action)
        {
            case TicketAction.Dispatch:
                var ids = r.EngineerIds ?? [];
                var distinct = ids.ToHashSet();
                var valid = await db.People.CountAsync(p => distinct.Contains(p.Id) && p.IsActive, ct);
                if (valid != distinct.Count)
                {
                    return Refusal.Invalid("engineerIds", "unknown", "Every engineer must be an active person.");
                }

                return ticket.Dispatch(now, actor, ids, r.LeadId).Refusal;
            case TicketAction.Classify:
                var errors = new FieldErrors();
                var category = ParseEnum<FaultCategory>(r.FaultCategory, "faultCategory", errors);
                var urgency = ParseEnum<Urgency>(r.Urgency, "urgency", errors);
                if (errors.Any)
                {
                    return errors.ToRefusal();
                }

                var policy = await ChoosePolicyAsync(db, new TicketDetails(ticket.CustomerId, "", "", null, ticket.DistanceKm, null, null, null, null,
                    category!.Value, "", urgency!.Value, ticket.Channel, null), false, ct);
                return ticket.Classify(now, actor, category.Value, urgency.Value, policy?.Id).Refusal;
            case TicketAction.OfferToPool:
                if (r.OrgUnitId is not { } unitId || !await db.OrgUnits.AnyAsync(u => u.Id == unitId && u.IsActive && u.Kind != Domain.Organisation.OrgUnitKind.Department, ct))
                {
                    return Refusal.Invalid("orgUnitId", r.OrgUnitId is null ? "required" : "unknown", "orgUnitId must name an active team or service station.");
                }

                return ticket.OfferToPool(now, actor, unitId).Refusal;
            case TicketAction.TakeFromPool:
                // Only an engineer of the pool's team takes it: a dispatcher dispatches instead.
                var qualified = await (from p in db.People
                                       join pos in db.Positions on p.PositionId equals pos.Id
                                       where p.Id == engineerId && p.IsActive && pos.Role == RoleNames.Engineer && p.OrgUnitId == ticket.PoolUnitId
                                       select p.Id).AnyAsync(ct);
                return ticket.Status != TicketStatus.InPool || qualified
                    ? ticket.TakeFromPool(now, actor, engineerId).Refusal
                    : Refusal.Forbidden("Only an engineer of the team whose pool holds the ticket can take it.");
            case TicketAction.Register: return ticket.Register(now, actor, ticket.UnderWarranty, ticket.WarrantyReason).Refusal;
            case TicketAction.Decline: return ticket.Decline(now, actor, engineerId, r.Reason ?? "").Refusal;
            case TicketAction.Accept:
                var visit = r.AgreedVisitAt is { } v ? DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc) : (DateTime?)null;
                return ticket.Accept(now, actor, ticket.IsAssigned(engineerId) ? engineerId : ticket.LeadEngineerId ?? engineerId, visit).Refusal;
            case TicketAction.StartTravel: return ticket.StartTravel(now, actor).Refusal;
            case TicketAction.Arrive: return ticket.Arrive(now, actor).Refusal;
            case TicketAction.Diagnose: return ticket.Diagnose(now, actor, r.Note).Refusal;
            case TicketAction.Resolve: return ticket.Resolve(now, actor, r.Note).Refusal;
            case TicketAction.ResolveRemotely:
                // The status is checked first (the table's refusal), then the method: an unknown one names the field.
                var methodErrors = new FieldErrors();
                var method = TicketTransitions.IsAllowed(ticket.Status, action) && r.RemoteMethod is not null
                    ? ParseEnum<RemoteMethod>(r.RemoteMethod, "remoteMethod", methodErrors)
                    : null;
                return methodErrors.Any ? methodErrors.ToRefusal() : ticket.ResolveRemotely(now, actor, method, r.Note).Refusal;
            case TicketAction.ApproveReport: return ticket.ApproveReport(now, actor, r.Note).Refusal;
            case TicketAction.RejectReport: return ticket.RejectReport(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.Close: return ticket.Close(now, actor, await serviceLevels.FollowUpDueAsync(db, now, ct)).Refusal;
            case TicketAction.RecordFollowUp: return ticket.RecordFollowUp(now, actor, r.Note).Refusal;
            case TicketAction.Escalate: return ticket.Escalate(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.TransferToSupplier: return ticket.TransferToSupplier(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.SupplierReplied: return ticket.SupplierReplied(now, actor, r.Note).Refusal;
            case TicketAction.WaitForCustomer: return ticket.WaitForCustomer(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.CustomerResponded: return ticket.CustomerResponded(now, actor, r.Note).Refusal;
            case TicketAction.Cancel: return ticket.Cancel(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.Reopen:
                var reopened = ticket.Reopen(now, actor, await NextNumberAsync(ct), r.Note ?? ticket.FaultDescription);
                if (reopened.Succeeded)
                {
                    db.Tickets.Add(reopened.Value!);
                }

                return reopened.Refusal;
            default:
                // Signing has its own use case (it carries an image).
                return Refusal.Invalid("action", "unknown", $"{action} is not taken through this endpoint.");
        }
    }

    private async Task<TicketView> ToViewAsync(AppDbContext db, ServiceTicket t, ClaimsPrincipal user, CancellationToken ct)
    {
        var personIds = PeopleNamedBy(t);
        var names = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var customer = await db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var model = t.ProductModelId is { } m ? await db.ProductModels.Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var policy = t.ServiceLevelPolicyId is { } pid ? await db.ServiceLevelPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        return BuildView(t, user, customer, model, policy?.Name, names,
            policy is null ? [] : await ReadServiceLevelsAsync(t, policy, ct),
            await Surveys.SurveyHandlers.SummaryAsync(db, t.Id, ct),
            t.ServiceLevelCalendarId is { } calendarId && t.ServiceLevelCalendarVersion is { } calendarVersion
                ? new TicketCalendarView(calendarId, await db.Calendars.Where(c => c.Id == calendarId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "?", calendarVersion)
                : null);
    }

    /// <summary>The people a ticket's view names: its engineers, the engineers its events name and the people who took its steps.</summary>
    internal static List<int> PeopleNamedBy(ServiceTicket t) =>
        t.Assignments.Select(a => a.EngineerId)
            .Concat(t.Events.Where(e => e.EngineerId != null).Select(e => e.EngineerId!.Value))
            .Concat(t.Events.Where(e => e.ActorPersonId != null).Select(e => e.ActorPersonId!.Value))
            .Distinct().ToList();

    /// <summary>The ticket as its page and the API show it, from the ticket and what was looked up for it (by a read, or by the creation that wrote it).</summary>
    internal static TicketView BuildView(ServiceTicket t, ClaimsPrincipal user, string customer, string? model, string? policyName,
        IReadOnlyDictionary<int, string> names, IReadOnlyList<SlaView> serviceLevels, Surveys.SatisfactionSummary? survey, TicketCalendarView? calendar)
    {
        var report = t.Report;
        var allowed = TicketTransitions.Allowed(t.Status).Where(a => MayAct(user, t, a)).ToList();
        return new TicketView(t.Id, t.Number, t.Version, t.Status, t.CustomerId, customer, t.ContactName, t.ContactPhone, t.SiteAddress, t.DistanceKm,
            t.SerialNumber, model, t.MileageKm, t.FaultCategory, t.FaultDescription, t.Urgency, t.Channel, t.UnderWarranty, t.WarrantyReason, policyName,
            t.IsEscalated, t.OriginalTicketId, t.OriginalTicketNumber, t.ReportedAtUtc,
            t.Assignments.Select(a => new AssignmentView(a.EngineerId, names.GetValueOrDefault(a.EngineerId, "?"), a.IsLead)).ToList(),
            // A step shows who took it by name; the account name only for the system or a person no longer on file.
            t.Events.OrderBy(e => e.Sequence).Select(e => new EventView(e.Sequence, e.AtUtc,
                e.ActorPersonId is { } actor && names.TryGetValue(actor, out var actorName) ? actorName : e.ActorUserName, e.Action, e.FromStatus, e.ToStatus,
                e.EngineerId is { } eid ? names.GetValueOrDefault(eid) : null, e.Note)).ToList(),
            report is null ? null : ToView(report),
            serviceLevels,
            allowed,
            MayEditReport(user, t) && report is not { IsSigned: true } && t.Status is TicketStatus.OnSite or TicketStatus.Diagnosed or TicketStatus.Resolved,
            allowed.Contains(TicketAction.ApproveReport),
            survey,
            t.ContactLogEntryId,
            calendar,
            t.RemoteMethod);
    }

    private static ReportView ToView(ServiceReport r) => new(r.Revision, r.Findings, r.Cause, r.Responsibility, r.WorkDone,
        r.PartsReplaced.Select(p => new ReplacedPartLine(p.SparePartId, p.Name, p.Quantity, p.Reason)).ToList(), r.CompensationAmount, r.OldPartsReturned,
        r.OldPartsNote, r.AdviceGiven, r.PaidServiceAmount, r.PaidServiceApprovalReference, r.RecordedAtUtc, r.RecordedByUserName, r.SignatureAttachmentId,
        r.SignerName, r.SignedAtUtc, r.ApprovedAtUtc, r.ApprovalComment, r.RejectedAtUtc, r.RejectionReason, r.IsWorkRecorded,
        r.Amendments.OrderBy(a => a.AtUtc).Select(a => $"{a.ByUserName}: {a.Text}").ToList(), r.CustomerStamped);

    /// <summary>The ticket's service-level clocks (R-SLA-3): waiting for the customer or a supplier pauses them.</summary>
    internal async Task<IReadOnlyList<SlaView>> ReadServiceLevelsAsync(ServiceTicket t, ServiceLevelPolicy policy, CancellationToken ct) =>
        (await serviceLevels.ReadAsync(t, policy, ct)).Select(r => r.View).ToList();

    internal static DateTime? MetAt(ServiceTicket t, SlaTarget target) => TicketServiceLevels.MetAt(t, target);

    internal static List<ClockPause> PausesOf(ServiceTicket t) => TicketServiceLevels.PausesOf(t);

    private static async Task<ServiceLevelPolicy?> ChoosePolicyAsync(AppDbContext db, TicketDetails d, bool needsSupplier, CancellationToken ct)
    {
        var policies = await db.ServiceLevelPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        return ServiceLevelSelector.Choose(policies, new TicketFacts(d.FaultCategory.ToString(), d.DistanceKm, needsSupplier, d.Urgency.ToString()))?.Policy;
    }

    /// <summary>A reopened ticket's number, drawn in a context of its own (committed at once: a reopen that then fails leaves a gap).</summary>
    private async Task<string> NextNumberAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await TicketNumbers.DrawAsync(db, clock.Today, 0, ct);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static TicketActor ActorOf(ClaimsPrincipal user) => new(user.PersonId(), user.Identity?.Name ?? "unknown");

    /// <summary>Dispatchers and leaders see every ticket; an engineer sees only the tickets they are assigned to.</summary>
    internal static IQueryable<ServiceTicket> Visible(AppDbContext db, ClaimsPrincipal user)
    {
        if (user.Can(Policies.ReadTickets))
        {
            return db.Tickets;
        }

        // An engineer sees the tickets assigned to them and those waiting in their own team's job pool (工单池).
        // Written as IN over the assignments' (EngineerId, TicketId) index, not EXISTS … OR …, which scans every ticket.
        var me = user.PersonId() ?? -1;
        return db.Tickets.Where(t => db.Set<TicketAssignment>().Where(a => a.EngineerId == me).Select(a => EF.Property<int>(a, "TicketId")).Contains(t.Id)
            || (t.Status == TicketStatus.InPool && db.People.Any(p => p.Id == me && p.OrgUnitId == t.PoolUnitId)));
    }

    private static Task<ServiceTicket?> Load(IQueryable<ServiceTicket> tickets, int id, CancellationToken ct) =>
        tickets.Include(t => t.Assignments).Include(t => t.Events)
            .Include(t => t.Reports).ThenInclude(r => r.PartsReplaced)
            .Include(t => t.Reports).ThenInclude(r => r.Amendments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, ct);

    internal static bool MayAct(ClaimsPrincipal user, ServiceTicket ticket, TicketAction action)
    {
        if (LeaderActions.Contains(action))
        {
            return user.Can(Policies.ApproveReports);
        }

        // Accepting is the engineer's own commitment to the customer (and declining their own refusal): a dispatcher
        // re-dispatches instead of answering for them.
        if (action is TicketAction.Accept or TicketAction.Decline)
        {
            return user.PersonId() is { } engineer && ticket.IsAssigned(engineer);
        }

        if (user.Can(Policies.DispatchTickets))
        {
            return true;
        }

        // Taking from the pool: the ticket is visible to an engineer only when it waits in their team's pool.
        return EngineerActions.Contains(action) && user.PersonId() is { } me && (ticket.IsAssigned(me) || action == TicketAction.TakeFromPool);
    }

    internal static bool MayEditReport(ClaimsPrincipal user, ServiceTicket ticket) =>
        user.Can(Policies.DispatchTickets) || (user.PersonId() is { } me && ticket.IsAssigned(me));

    internal static T? ParseEnum<T>(string? value, string field, FieldErrors errors)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors.Add(field, string.IsNullOrWhiteSpace(value) ? "required" : "unknown", $"{field} must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
        return null;
    }

    private static byte[]? DecodeDataUrl(string? dataUrl)
    {
        const int maxBytes = 2 * 1024 * 1024;
        if (dataUrl is null || !(dataUrl.StartsWith("data:image/png;base64,", StringComparison.Ordinal) || dataUrl.StartsWith("data:image/jpeg;base64,", StringComparison.Ordinal)))
        {
            return null;
        }

        var payload = dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..];
        var buffer = new byte[payload.Length];
        return payload.Length / 4 * 3 <= maxBytes && Convert.TryFromBase64String(payload, buffer, out var written) ? buffer[..written] : null;
    }
}

/// <summary>The business calendar SLA clocks run on (R-SLA-2): the company's default calendar, seeded with the official Chinese one.</summary>
public sealed class TicketCalendar(Calendars.CalendarStore store)
{
    public Task<BusinessCalendar> GetAsync(CancellationToken ct) => store.GetDefaultAsync(ct);
}
