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
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> texts)
{
    /// <summary>Actions an assigned engineer may take on their own ticket; everything else is for dispatchers and leaders.</summary>
    private static readonly HashSet<TicketAction> EngineerActions =
    [
        TicketAction.Accept, TicketAction.Decline, TicketAction.StartTravel, TicketAction.Arrive, TicketAction.Diagnose, TicketAction.Resolve,
        TicketAction.WaitForCustomer, TicketAction.CustomerResponded, TicketAction.TransferToSupplier, TicketAction.SupplierReplied,
        TicketAction.Escalate, TicketAction.SignReport, TicketAction.TakeFromPool,
    ];

    private static readonly HashSet<TicketAction> LeaderActions = [TicketAction.ApproveReport, TicketAction.RejectReport];

    public async Task<PageOf<TicketSummary>> SearchAsync(TicketQuery q, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tickets = Visible(db, user);
        if (q.Mine && user.PersonId() is { } me)
        {
            tickets = tickets.Where(t => t.Assignments.Any(a => a.EngineerId == me));
        }

        if (q.Status is { } status)
        {
            tickets = tickets.Where(t => t.Status == status);
        }

        if (q.OpenOnly)
        {
            tickets = tickets.Where(t => t.Status != TicketStatus.Closed && t.Status != TicketStatus.FollowedUp && t.Status != TicketStatus.Cancelled);
        }

        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var term = q.Search.Trim();
            tickets = tickets.Where(t => t.Number.Contains(term) || t.ContactName.Contains(term) || (t.SerialNumber != null && t.SerialNumber.Contains(term)) ||
                                         db.Customers.Any(c => c.Id == t.CustomerId && c.Name.Contains(term)));
        }

        var pageSize = Math.Clamp(q.PageSize, 1, 200);
        var page = Math.Max(q.Page, 1);
        var total = await tickets.CountAsync(ct);
        var items = await (
            from t in tickets
            join c in db.Customers on t.CustomerId equals c.Id
            orderby t.ReportedAtUtc descending, t.Id descending
            select new TicketSummary(t.Id, t.Number, c.Name, t.FaultCategory, t.Urgency, t.Status, t.ReportedAtUtc,
                db.People.Where(p => t.Assignments.Any(a => a.IsLead && a.EngineerId == p.Id)).Select(p => p.Name).FirstOrDefault(),
                t.IsEscalated, t.UnderWarranty))
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageOf<TicketSummary>(items, total, page, pageSize);
    }

    public async Task<TicketView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await Load(Visible(db, user).AsNoTracking(), id, ct);
        return ticket is null ? null : await ToViewAsync(db, ticket, user, ct);
    }

    public async Task<Result<TicketView>> CreateAsync(CreateTicketRequest r, ClaimsPrincipal user, string? idempotencyKey = null, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > IdempotencyRecord.KeyMaxLength)
            {
                return Refusal.Invalid("idempotencyKey", "format", $"The Idempotency-Key header must be 1–{IdempotencyRecord.KeyMaxLength} characters.");
            }

            if (await ExistingAsync(userId, idempotencyKey, ct) is { } earlier)
            {
                return (await GetAsync(earlier, user, ct))!; // a retry: the ticket the first request created
            }
        }

        var errors = new FieldErrors();
        var category = ParseEnum<FaultCategory>(r.FaultCategory, "faultCategory", errors);
        var urgency = ParseEnum<Urgency>(r.Urgency, "urgency", errors);
        var channel = ParseEnum<IntakeChannel>(r.Channel, "channel", errors);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId && c.IsActive, ct))
        {
            errors.Add("customerId", "unknown", "customerId does not name an active customer.");
        }

        var serial = string.IsNullOrWhiteSpace(r.SerialNumber) ? null : r.SerialNumber.Trim().ToUpperInvariant();
        var unit = serial is null ? null : await db.ProductUnits.AsNoTracking().FirstOrDefaultAsync(u => u.SerialNumber == serial, ct);
        var contact = r.ContactLogEntryId is { } contactId ? await db.ContactLog.FirstOrDefaultAsync(e => e.Id == contactId, ct) : null;
        if (r.ContactLogEntryId is not null && contact is null)
        {
            errors.Add("contactLogEntryId", "unknown", "contactLogEntryId does not name a logged contact.");
        }

        var details = new TicketDetails(r.CustomerId, r.ContactName ?? "", r.ContactPhone ?? "", r.SiteAddress, r.DistanceKm, unit?.ProductModelId,
            r.SerialNumber?.Trim().ToUpperInvariant(), r.RunningHours, r.MileageKm, category ?? FaultCategory.Other, r.FaultDescription ?? "",
            urgency ?? Urgency.Normal, channel ?? IntakeChannel.Phone, r.ContactLogEntryId);
        foreach (var e in ServiceTicket.Check("T", details).All.Where(e => e.Field != "number"))
        {
            errors.Add(e.Field, e.Code, e.Message);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        // Ticket numbers are a per-day sequence read from the database; two tickets created at the same moment may pick the
        // same number. The unique index refuses the second, which is then created again with the next number.
        for (var attempt = 1; ; attempt++)
        {
            var created = await CreateOnceAsync(details, unit, r.NeedsSupplier, user, userId, idempotencyKey, ct);
            if (created is not null || attempt == MaxNumberAttempts)
            {
                return created ?? Refusal.Conflict("busy", "Too many tickets were opened at the same moment; please try again.");
            }
        }
    }

    private const int MaxNumberAttempts = 8;

    /// <summary>Creates the ticket in its own context and transaction; null when its number was taken meanwhile.</summary>
    private async Task<Result<TicketView>?> CreateOnceAsync(TicketDetails details, Domain.Customers.ProductUnit? unit, bool needsSupplier, ClaimsPrincipal user,
        string userId, string? idempotencyKey, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var contact = details.ContactLogEntryId is { } contactId ? await db.ContactLog.FirstOrDefaultAsync(e => e.Id == contactId, ct) : null;
        var now = Now;
        var actor = ActorOf(user);
        var warranty = await WarrantyAsync(db, unit, details, ct);
        var policy = await ChoosePolicyAsync(db, details, needsSupplier, ct);
        var number = await NextNumberAsync(ct);

        // The ticket, its link from the contact log and the idempotency record commit together or not at all.
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var ticket = ServiceTicket.Create(now, actor, number, details).Value!;
            ticket.Register(now, actor, warranty.UnderWarranty, warranty.Reason);
            ticket.Classify(now, actor, details.FaultCategory, details.Urgency, policy?.Id);
            db.Tickets.Add(ticket);
            await SaveAsync(db, user, ct);
            contact?.LinkTicket(ticket.Id);
            if (idempotencyKey is not null)
            {
                db.IdempotencyRecords.Add(new IdempotencyRecord { UserId = userId, Operation = "CreateTicket", Key = idempotencyKey, ResourceId = ticket.Id, CreatedAtUtc = now });
            }

            await db.TrySaveAsync(user, ct);
            await transaction.CommitAsync(ct);
            return (await GetAsync(ticket.Id, user, ct))!;
        }
        catch (DbUpdateException)
        {
            // The same key arrived twice at once: the other request won; answer with its ticket.
            if (idempotencyKey is not null && await ExistingAsync(userId, idempotencyKey, ct) is { } raced)
            {
                return (await GetAsync(raced, user, ct))!;
            }

            // A number given before the counter existed (an older ticket of the day) is skipped: draw again.
            if (await NumberTakenAsync(number, ct))
            {
                return null;
            }

            throw;
        }
    }


    private async Task<bool> NumberTakenAsync(string number, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tickets.AnyAsync(t => t.Number == number, ct);
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

    private async Task<int?> ExistingAsync(string userId, string key, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.Where(r => r.UserId == userId && r.Operation == "CreateTicket" && r.Key == key)
            .Select(r => (int?)r.ResourceId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The warranty verdict for the ticket form, before the ticket exists (R-TKT-2).</summary>
    public async Task<(bool? UnderWarranty, string Reason, string? ModelName)> CheckWarrantyAsync(string? serialNumber, decimal? mileageKm, decimal? runningHours, string? faultCategory, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var serial = string.IsNullOrWhiteSpace(serialNumber) ? null : serialNumber.Trim().ToUpperInvariant();
        var unit = serial is null ? null : await db.ProductUnits.AsNoTracking().FirstOrDefaultAsync(u => u.SerialNumber == serial, ct);
        var model = unit is null ? null : await db.ProductModels.AsNoTracking().FirstAsync(m => m.Id == unit.ProductModelId, ct);
        var details = new TicketDetails(0, "", "", null, 0, null, null, runningHours, mileageKm,
            Enum.TryParse<FaultCategory>(faultCategory, out var c) ? c : FaultCategory.Other, "", Urgency.Normal, IntakeChannel.Phone, null);
        var (under, reason) = await WarrantyAsync(db, unit, details, ct);
        return (under, reason, model?.Name);
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
        var result = ticket.RecordReport(Now, ActorOf(user), r.ToContent());
        if (!result.Succeeded)
        {
            return result.Refusal!;
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

        await using var stream = new MemoryStream(image!);
        var stored = await attachments.UploadAsync(AttachmentOwners.Ticket, id, $"signature-{ticket.Number}.png", stream, user, ct);
        if (!stored.Succeeded)
        {
            return Refusal.Invalid("signatureDataUrl", stored.Refusal!.Errors.Count > 0 ? stored.Refusal.Errors[0].Code : "invalid", stored.Refusal.Message);
        }

        db.Entry(ticket).Property(t => t.Version).OriginalValue = r.Version;
        var signed = ticket.SignReport(Now, ActorOf(user), new CustomerSignature(stored.Value!.Id, r.SignerName!.Trim()));
        if (!signed.Succeeded)
        {
            return signed.Refusal!;
        }

        return await SaveAsync(db, user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
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
            case TicketAction.ApproveReport: return ticket.ApproveReport(now, actor, r.Note).Refusal;
            case TicketAction.RejectReport: return ticket.RejectReport(now, actor, r.Reason ?? "").Refusal;
            case TicketAction.Close: return ticket.Close(now, actor).Refusal;
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
        var personIds = t.Assignments.Select(a => a.EngineerId).Concat(t.Events.Where(e => e.EngineerId != null).Select(e => e.EngineerId!.Value)).Distinct().ToList();
        var names = await db.People.Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var customer = await db.Customers.Where(c => c.Id == t.CustomerId).Select(c => c.Name).FirstAsync(ct);
        var model = t.ProductModelId is { } m ? await db.ProductModels.Where(x => x.Id == m).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var policy = t.ServiceLevelPolicyId is { } pid ? await db.ServiceLevelPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pid, ct) : null;
        var report = t.Report;
        var allowed = TicketTransitions.Allowed(t.Status).Where(a => MayAct(user, t, a)).ToList();
        return new TicketView(t.Id, t.Number, t.Version, t.Status, t.CustomerId, customer, t.ContactName, t.ContactPhone, t.SiteAddress, t.DistanceKm,
            t.SerialNumber, model, t.MileageKm, t.FaultCategory, t.FaultDescription, t.Urgency, t.Channel, t.UnderWarranty, t.WarrantyReason, policy?.Name,
            t.IsEscalated, t.OriginalTicketId, t.OriginalTicketNumber, t.ReportedAtUtc,
            t.Assignments.Select(a => new AssignmentView(a.EngineerId, names.GetValueOrDefault(a.EngineerId, "?"), a.IsLead)).ToList(),
            t.Events.OrderBy(e => e.Sequence).Select(e => new EventView(e.Sequence, e.AtUtc, e.ActorUserName, e.Action, e.FromStatus, e.ToStatus,
                e.EngineerId is { } eid ? names.GetValueOrDefault(eid) : null, e.Note)).ToList(),
            report is null ? null : ToView(report),
            policy is null ? [] : await ReadServiceLevelsAsync(t, policy, ct),
            allowed,
            MayEditReport(user, t) && report is not { IsSigned: true } && t.Status is TicketStatus.OnSite or TicketStatus.Diagnosed or TicketStatus.Resolved,
            allowed.Contains(TicketAction.ApproveReport),
            await Surveys.SurveyHandlers.SummaryAsync(db, t.Id, ct),
            t.ContactLogEntryId,
            t.ServiceLevelCalendarId is { } calendarId && t.ServiceLevelCalendarVersion is { } calendarVersion
                ? new TicketCalendarView(calendarId, await db.Calendars.Where(c => c.Id == calendarId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "?", calendarVersion)
                : null);
    }

    private static ReportView ToView(ServiceReport r) => new(r.Revision, r.Findings, r.Cause, r.Responsibility, r.WorkDone,
        r.PartsReplaced.Select(p => new ReplacedPartLine(p.SparePartId, p.Name, p.Quantity, p.Reason)).ToList(), r.CompensationAmount, r.OldPartsReturned,
        r.OldPartsNote, r.AdviceGiven, r.PaidServiceAmount, r.PaidServiceApprovalReference, r.RecordedAtUtc, r.RecordedByUserName, r.SignatureAttachmentId,
        r.SignerName, r.SignedAtUtc, r.ApprovedAtUtc, r.ApprovalComment, r.RejectedAtUtc, r.RejectionReason, r.IsWorkRecorded,
        r.Amendments.OrderBy(a => a.AtUtc).Select(a => $"{a.ByUserName}: {a.Text}").ToList());

    /// <summary>The ticket's service-level clocks (R-SLA-3): waiting for the customer or a supplier pauses them.</summary>
    internal async Task<IReadOnlyList<SlaView>> ReadServiceLevelsAsync(ServiceTicket t, ServiceLevelPolicy policy, CancellationToken ct) =>
        (await serviceLevels.ReadAsync(t, policy, ct)).Select(r => r.View).ToList();

    internal static DateTime? MetAt(ServiceTicket t, SlaTarget target) => TicketServiceLevels.MetAt(t, target);

    internal static List<ClockPause> PausesOf(ServiceTicket t) => TicketServiceLevels.PausesOf(t);

    /// <summary>The verdict with its reasons in the reader's language (zh-CN unless they chose English), as recorded on the ticket.</summary>
    private async Task<(bool? UnderWarranty, string Reason)> WarrantyAsync(AppDbContext db, Domain.Customers.ProductUnit? unit, TicketDetails d, CancellationToken ct)
    {
        if (unit is null)
        {
            return (null, string.IsNullOrWhiteSpace(d.SerialNumber)
                ? Render(new WarrantyReason("serial_missing", new Dictionary<string, string>(), "No serial number given: warranty not checked."))
                : Render(new WarrantyReason("serial_unknown", new Dictionary<string, string> { ["serialNumber"] = d.SerialNumber },
                    $"Serial number {d.SerialNumber} is not registered: warranty not checked.")));
        }

        var model = await db.ProductModels.AsNoTracking().FirstAsync(m => m.Id == unit.ProductModelId, ct);
        var terms = new WarrantyTerms(unit.WarrantyMonthsOverride ?? model.WarrantyMonths, unit.WarrantyMileageKmOverride ?? model.WarrantyMileageKm);
        var verdict = WarrantyCheck.Evaluate(unit.SaleDate, terms, clock.Today, d.MileageKm, d.RunningHours, d.FaultCategory.ToString());
        var reason = string.Join("；", verdict.Details.Select(Render));
        return (verdict.InWarranty, reason.Length > ServiceTicket.WarrantyReasonMaxLength ? reason[..ServiceTicket.WarrantyReasonMaxLength] : reason);
    }

    private string Render(WarrantyReason reason)
    {
        var template = texts[$"WarrantyReason.{reason.Code}"];
        return template.ResourceNotFound
            ? reason.English
            : reason.Values.Aggregate(template.Value, (text, value) => text.Replace("{" + value.Key + "}", value.Value, StringComparison.Ordinal));
    }

    private static async Task<ServiceLevelPolicy?> ChoosePolicyAsync(AppDbContext db, TicketDetails d, bool needsSupplier, CancellationToken ct)
    {
        var policies = await db.ServiceLevelPolicies.AsNoTracking().Where(p => p.IsActive).ToListAsync(ct);
        return ServiceLevelSelector.Choose(policies, new TicketFacts(d.FaultCategory.ToString(), d.DistanceKm, needsSupplier, d.Urgency.ToString()))?.Policy;
    }

    /// <summary>
    /// T + local date + a 4-digit sequence of the day, e.g. T202611250007, drawn from the day's counter row by one atomic
    /// statement (UPDATE … RETURNING, or for the day's first ticket an INSERT … ON CONFLICT DO UPDATE … RETURNING, the same
    /// SQL on SQLite and PostgreSQL): concurrent creations, in one instance or several, never pick the same number, never
    /// wait for each other's whole save, and never fail — so nothing is logged as a database error. A number drawn for a
    /// creation that then fails is skipped (a gap, as with any database sequence). The first ticket of a day starts the
    /// counter after any number already given.
    /// </summary>
    private async Task<string> NextNumberAsync(CancellationToken ct)
    {
        var day = clock.Today.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var prefix = "T" + day;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var drawn = await db.Database.SqlQuery<int>(
                $"""UPDATE "TicketNumberCounters" SET "Last" = "Last" + 1 WHERE "Day" = {day} RETURNING "Last" AS "Value" """)
            .ToListAsync(ct);
        if (drawn.Count == 0)
        {
            var last = await db.Tickets.Where(t => t.Number.StartsWith(prefix)).OrderByDescending(t => t.Number).Select(t => t.Number).FirstOrDefaultAsync(ct);
            var first = (last is null ? 0 : int.Parse(last[prefix.Length..], CultureInfo.InvariantCulture)) + 1;

            // Another creation may start the day's counter at the same moment: then this one draws the next number from it.
            drawn = await db.Database.SqlQuery<int>(
                    $"""
                     INSERT INTO "TicketNumberCounters" ("Day", "Last") VALUES ({day}, {first})
                     ON CONFLICT ("Day") DO UPDATE SET "Last" = "TicketNumberCounters"."Last" + 1
                     RETURNING "Last" AS "Value"
                     """)
                .ToListAsync(ct);
        }

        return prefix + drawn.Single().ToString("D4", CultureInfo.InvariantCulture);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static TicketActor ActorOf(ClaimsPrincipal user) => new(user.PersonId(), user.Identity?.Name ?? "unknown");

    /// <summary>Dispatchers and leaders see every ticket; an engineer sees only the tickets they are assigned to.</summary>
    private static IQueryable<ServiceTicket> Visible(AppDbContext db, ClaimsPrincipal user)
    {
        if (user.Can(Policies.ReadTickets))
        {
            return db.Tickets;
        }

        // An engineer sees the tickets assigned to them and those waiting in their own team's job pool (工单池).
        var me = user.PersonId() ?? -1;
        return db.Tickets.Where(t => t.Assignments.Any(a => a.EngineerId == me)
            || (t.Status == TicketStatus.InPool && db.People.Any(p => p.Id == me && p.OrgUnitId == t.PoolUnitId)));
    }

    private static Task<ServiceTicket?> Load(IQueryable<ServiceTicket> tickets, int id, CancellationToken ct) =>
        tickets.Include(t => t.Assignments).Include(t => t.Events)
            .Include(t => t.Reports).ThenInclude(r => r.PartsReplaced)
            .Include(t => t.Reports).ThenInclude(r => r.Amendments)
            .AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == id, ct);

    private static bool MayAct(ClaimsPrincipal user, ServiceTicket ticket, TicketAction action)
    {
        if (LeaderActions.Contains(action))
        {
            return user.Can(Policies.ApproveReports);
        }

        if (user.Can(Policies.DispatchTickets))
        {
            return true;
        }

        // Taking from the pool: the ticket is visible to an engineer only when it waits in their team's pool.
        return EngineerActions.Contains(action) && user.PersonId() is { } me && (ticket.IsAssigned(me) || action == TicketAction.TakeFromPool);
    }

    private static bool MayEditReport(ClaimsPrincipal user, ServiceTicket ticket) =>
        user.Can(Policies.DispatchTickets) || (user.PersonId() is { } me && ticket.IsAssigned(me));

    private static T? ParseEnum<T>(string? value, string field, FieldErrors errors)
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
