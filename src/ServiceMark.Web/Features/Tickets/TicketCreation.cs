using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceLevels;
using ServiceMark.Domain.Tickets;
using ServiceMark.Domain.Warranty;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Idempotency;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// Opening a ticket (报修, R-TKT-2/3, R-SLA-1): the busiest write of the product, so it is one write transaction on one
/// DbContext (docs/decisions/0005-ticket-creation-path.md). Validation reads come first, outside the transaction; inside it
/// the reference data is checked current, the number drawn, and the ticket, its events, its service-level outcome rows, its
/// idempotency record and its audit rows written in three statement batches; the answer is built from what was written.
/// </summary>
public sealed class TicketCreation(
    IDbContextFactory<AppDbContext> contexts,
    TimeProvider time,
    CompanyClock clock,
    TicketReferenceData referenceData,
    TicketWriter writer,
    TicketHandlers tickets,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> texts)
{
    private const int MaxNumberAttempts = 8;
    private const string Operation = "CreateTicket";

    /// <summary>For pages: a context of its own (a circuit's scoped context would outlive the operation).</summary>
    public async Task<Result<TicketView>> CreateAsync(CreateTicketRequest r, ClaimsPrincipal user, string? idempotencyKey = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CreateAsync(db, r, user, idempotencyKey, ct);
    }

    /// <summary>On the request's own context (the one that already checked the session), with nothing tracked to save but this ticket.</summary>
    public async Task<Result<TicketView>> CreateAsync(AppDbContext db, CreateTicketRequest r, ClaimsPrincipal user, string? idempotencyKey, CancellationToken ct)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > IdempotencyRecord.KeyMaxLength)
            {
                return Refusal.Invalid("idempotencyKey", "format", $"The Idempotency-Key header must be 1–{IdempotencyRecord.KeyMaxLength} characters.");
            }

            if (await ExistingAsync(db, userId, idempotencyKey, ct) is { } earlier)
            {
                return (await tickets.GetAsync(earlier, user, ct))!; // a retry: the ticket the first request created
            }
        }

        var errors = new FieldErrors();
        var category = TicketHandlers.ParseEnum<FaultCategory>(r.FaultCategory, "faultCategory", errors);
        var urgency = TicketHandlers.ParseEnum<Urgency>(r.Urgency, "urgency", errors);
        var channel = TicketHandlers.ParseEnum<IntakeChannel>(r.Channel, "channel", errors);
        var customer = await db.Customers.Where(c => c.Id == r.CustomerId && c.IsActive).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (customer is null)
        {
            errors.Add("customerId", "unknown", "customerId does not name an active customer.");
        }

        var serial = string.IsNullOrWhiteSpace(r.SerialNumber) ? null : r.SerialNumber.Trim().ToUpperInvariant();
        var unit = serial is null ? null : await UnitAsync(db, serial, ct);
        if (r.ContactLogEntryId is { } contactId && !await db.ContactLog.AnyAsync(e => e.Id == contactId, ct))
        {
            errors.Add("contactLogEntryId", "unknown", "contactLogEntryId does not name a logged contact.");
        }

        var details = new TicketDetails(r.CustomerId, r.ContactName ?? "", r.ContactPhone ?? "", r.SiteAddress, Tenths(r.DistanceKm), unit?.Unit.ProductModelId,
            serial, Tenths(r.RunningHours), Tenths(r.MileageKm), category ?? FaultCategory.Other, r.FaultDescription ?? "",
            urgency ?? Urgency.Normal, channel ?? IntakeChannel.Phone, r.ContactLogEntryId);
        foreach (var e in ServiceTicket.Check("T", details).All.Where(e => e.Field != "number"))
        {
            errors.Add(e.Field, e.Code, e.Message);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var warranty = Warranty(unit, details, clock.Today);
        var facts = new TicketFacts(details.FaultCategory.ToString(), details.DistanceKm, r.NeedsSupplier, details.Urgency.ToString());
        var skipPast = 0;
        for (var attempt = 1; attempt <= MaxNumberAttempts; attempt++)
        {
            string? number = null;
            try
            {
                return await writer.WriteAsync(db, (written, token) =>
                    WriteAsync(written, details, warranty, facts, customer!, unit?.ModelName, user, userId, idempotencyKey, skipPast, n => number = n, token), ct);
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // the failed rows are not written: nothing tracked may be saved by the next attempt

                // The same key arrived twice at once: the other request won; answer with its ticket.
                if (idempotencyKey is not null && await ExistingAsync(db, userId, idempotencyKey, ct) is { } raced)
                {
                    return (await tickets.GetAsync(raced, user, ct))!;
                }

                // A number given before the counter existed (an older ticket of the day) is taken: draw again past it.
                if (number is not null && await db.Tickets.AnyAsync(t => t.Number == number, ct))
                {
                    skipPast = TicketNumbers.SequenceOf(number, number[..9]);
                    continue;
                }

                throw;
            }
        }

        return Refusal.Conflict("busy", "Too many tickets were opened at the same moment; please try again.");
    }

    /// <summary>Inside the one write transaction (<see cref="TicketWriter"/>): everything it reads is a point read or the reference-data stamp.</summary>
    private async Task<Result<TicketView>> WriteAsync(AppDbContext db, TicketDetails details, (bool? UnderWarranty, string Reason) warranty, TicketFacts facts,
        string customer, string? modelName, ClaimsPrincipal user, string userId, string? idempotencyKey, int skipPast, Action<string> drawn, CancellationToken ct)
    {
        // Inside the transaction: on SQLite it holds the write lock, so the calendar revision recorded is the one in force at commit.
        var reference = await referenceData.CurrentAsync(db, ct);
        var policy = ServiceLevelSelector.Choose(reference.Active, facts)?.Policy;
        var number = await TicketNumbers.DrawAsync(db, clock.Today, skipPast, ct);
        drawn(number);

        // Whole microseconds, as PostgreSQL stores them: the answer shows the instants a later read shows.
        var readAt = time.GetUtcNow().UtcDateTime;
        var now = readAt.AddTicks(-(readAt.Ticks % 10));
        var actor = new TicketActor(user.PersonId(), user.Identity?.Name ?? "unknown");
        var ticket = ServiceTicket.Create(now, actor, number, details).Value!;
        ticket.Register(now, actor, warranty.UnderWarranty, warranty.Reason);
        ticket.Classify(now, actor, details.FaultCategory, details.Urgency, policy?.Id);
        var entry = db.Tickets.Add(ticket);

        // The outcome rows and calendar stamp that TicketOutcomes would write after the save, written with it: the rows name the
        // ticket by its temporary key, which EF Core replaces with the database's id when the ticket row is inserted.
        entry.Property(t => t.ServiceLevelCalendarId).CurrentValue = reference.Calendar.Id;
        entry.Property(t => t.ServiceLevelCalendarVersion).CurrentValue = reference.Calendar.Version;
        var readings = policy is null ? [] : TicketServiceLevels.Read(ticket, policy, reference.Calendar.Calendar, readAt);
        var outcomeRows = TicketOutcomes.RowsOf(entry.Property(t => t.Id).CurrentValue, readings).ToList();
        entry.Property(t => t.NextDueAtUtc).CurrentValue = TicketOutcomes.NextDue(ticket, outcomeRows);
        db.TicketServiceLevelOutcomes.AddRange(outcomeRows);
        if (idempotencyKey is not null)
        {
            db.AddOnceIdsAreKnown(() => new IdempotencyRecord { UserId = userId, Operation = Operation, Key = idempotencyKey, ResourceId = ticket.Id, CreatedAtUtc = now });
        }

        await db.TrySaveAsync(user, ct);
        if (details.ContactLogEntryId is { } contactId && await db.ContactLog.FirstOrDefaultAsync(e => e.Id == contactId, ct) is { } contact)
        {
            contact.LinkTicket(ticket.Id); // an entry that already became a ticket keeps its first one
            await db.TrySaveAsync(user, ct);
        }

        // The creator is named as a later read names them: by the person's name their sign-in carries.
        var names = user.PersonId() is { } creator && user.FindFirstValue(ServiceMarkClaimsFactory.DisplayNameClaim) is { Length: > 0 } creatorName
            ? new Dictionary<int, string> { [creator] = creatorName }
            : new Dictionary<int, string>();
        return TicketHandlers.BuildView(ticket, user, customer, modelName, policy?.Name, names,
            readings.Select(r => r.View).ToList(), survey: null, // a ticket that did not exist a moment ago has no survey
            new TicketCalendarView(reference.Calendar.Id, reference.Calendar.Calendar.Name, reference.Calendar.Version));
    }

    /// <summary>
    /// Kilometres and hours as their columns keep them (one decimal, e.g. 12 → 12.0, 12.34 → 12.3; PostgreSQL's numeric(…, 1)
    /// rounds so, SQLite stores the text): the answer, built from what was written, shows what a later read shows.
    /// </summary>
    private static decimal Tenths(decimal value) => decimal.Round(value, 1, MidpointRounding.ToEven) + 0.0m;

    private static decimal? Tenths(decimal? value) => value is { } v ? Tenths(v) : null;

    /// <summary>The ticket created earlier under this user's idempotency key, if any.</summary>
    internal static Task<int?> ExistingAsync(AppDbContext db, string userId, string key, CancellationToken ct) =>
        db.IdempotencyRecords.Where(r => r.UserId == userId && r.Operation == Operation && r.Key == key)
            .Select(r => (int?)r.ResourceId).FirstOrDefaultAsync(ct);

    /// <summary>The warranty verdict for the ticket form, before the ticket exists (R-TKT-2).</summary>
    public async Task<(bool? UnderWarranty, string Reason, string? ModelName)> CheckWarrantyAsync(string? serialNumber, decimal? mileageKm, decimal? runningHours, string? faultCategory, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var serial = string.IsNullOrWhiteSpace(serialNumber) ? null : serialNumber.Trim().ToUpperInvariant();
        var unit = serial is null ? null : await UnitAsync(db, serial, ct);
        var details = new TicketDetails(0, "", "", null, 0, null, serial, runningHours, mileageKm,
            Enum.TryParse<FaultCategory>(faultCategory, out var c) ? c : FaultCategory.Other, "", Urgency.Normal, IntakeChannel.Phone, null);
        var (under, reason) = Warranty(unit, details, clock.Today);
        return (under, reason, unit?.ModelName);
    }

    /// <summary>A registered unit with its model's warranty terms, in one query.</summary>
    private sealed record UnitWithModel(Domain.Customers.ProductUnit Unit, string ModelName, int WarrantyMonths, decimal? WarrantyMileageKm);

    private static Task<UnitWithModel?> UnitAsync(AppDbContext db, string serial, CancellationToken ct) =>
        (from u in db.ProductUnits.AsNoTracking()
         join m in db.ProductModels on u.ProductModelId equals m.Id
         where u.SerialNumber == serial
         select new UnitWithModel(u, m.Name, m.WarrantyMonths, m.WarrantyMileageKm)).FirstOrDefaultAsync(ct);

    /// <summary>The verdict as of <paramref name="asOf"/> (an imported ticket's report date), in one query for the unit.</summary>
    internal async Task<(bool? UnderWarranty, string Reason)> WarrantyAsOfAsync(AppDbContext db, TicketDetails d, DateOnly asOf, CancellationToken ct) =>
        Warranty(d.SerialNumber is { } serial ? await UnitAsync(db, serial, ct) : null, d, asOf);

    /// <summary>The verdict with its reasons in the reader's language (zh-CN unless they chose English), as recorded on the ticket.</summary>
    private (bool? UnderWarranty, string Reason) Warranty(UnitWithModel? unit, TicketDetails d, DateOnly asOf)
    {
        if (unit is null)
        {
            return (null, string.IsNullOrWhiteSpace(d.SerialNumber)
                ? Render(new WarrantyReason("serial_missing", new Dictionary<string, string>(), "No serial number given: warranty not checked."))
                : Render(new WarrantyReason("serial_unknown", new Dictionary<string, string> { ["serialNumber"] = d.SerialNumber },
                    $"Serial number {d.SerialNumber} is not registered: warranty not checked.")));
        }

        var terms = new WarrantyTerms(unit.Unit.WarrantyMonthsOverride ?? unit.WarrantyMonths, unit.Unit.WarrantyMileageKmOverride ?? unit.WarrantyMileageKm);
        var verdict = WarrantyCheck.Evaluate(unit.Unit.SaleDate, terms, asOf, d.MileageKm, d.RunningHours, d.FaultCategory.ToString());
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
}
