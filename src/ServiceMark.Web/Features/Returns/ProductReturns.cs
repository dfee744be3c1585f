using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Returns;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Returns;

/// <summary>
/// 退换货、返厂维修 (R-RMA-1, issue 14 point 7): the service office or the warehouse receives a returned unit or part and assigns its
/// repair; the person answering for it inspects and repairs (or replaces) it; the office tests it — never whoever did the work — and
/// sends it back, or refunds it. Who sees which: <see cref="ReturnAccess"/>.
/// </summary>
public sealed class ProductReturns(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    private static readonly string[] Steps = ["inspect", "repair", "test", "ship", "refund", "cancel", "assign"];

    public async Task<Result<ReturnView>> ReceiveAsync(ReturnRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = new FieldErrors();
        if (!await db.Customers.AnyAsync(c => c.Id == r.CustomerId, ct))
        {
            errors.Add("customerId", "unknown", "customerId does not name a customer.");
        }

        if (!await db.People.AnyAsync(p => p.Id == r.ResponsiblePersonId && p.IsActive, ct))
        {
            errors.Add("responsiblePersonId", "unknown", "responsiblePersonId does not name an active person.");
        }

        var item = r.Item;
        var serial = r.SerialNumber;
        var unitId = r.ProductUnitId;
        if (r.TicketId is { } ticketId)
        {
            var ticket = await db.Tickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => new { t.CustomerId, t.SerialNumber }).FirstOrDefaultAsync(ct);
            if (ticket is null || ticket.CustomerId != r.CustomerId)
            {
                errors.Add("ticketId", "unknown", "ticketId does not name a ticket of the customer.");
            }
            else if (unitId is null && string.IsNullOrWhiteSpace(serial) && ticket.SerialNumber is { } ticketSerial)
            {
                unitId = await db.ProductUnits.Where(u => u.SerialNumber == ticketSerial && u.CustomerId == r.CustomerId).Select(u => (int?)u.Id).FirstOrDefaultAsync(ct);
                serial = ticketSerial;
            }
        }

        if (unitId is { } id)
        {
            var unit = await (from u in db.ProductUnits
                              join m in db.ProductModels on u.ProductModelId equals m.Id
                              where u.Id == id
                              select new { u.CustomerId, u.SerialNumber, m.Name }).FirstOrDefaultAsync(ct);
            if (unit is null || unit.CustomerId != r.CustomerId)
            {
                errors.Add("productUnitId", "unknown", "productUnitId does not name a unit of the customer.");
            }
            else
            {
                item = string.IsNullOrWhiteSpace(item) ? unit.Name : item;
                serial = string.IsNullOrWhiteSpace(serial) ? unit.SerialNumber : serial;
            }
        }

        var received = ProductReturn.Receive(time.StoredUtcNow(), clock.Today, user.PersonId(),
            new ReturnReceipt(r.CustomerId, r.TicketId, unitId, item, serial, r.Fault, r.ReceivedOn ?? clock.Today, r.ResponsiblePersonId, r.DueOn));
        if (errors.Refuse(received.Refusal) is { } refused)
        {
            return refused;
        }

        db.ProductReturns.Add(received.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(received.Value!.Id, user, ct))!;
    }

    public async Task<Result<ReturnView>> ActAsync(int id, string step, ReturnStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!Steps.Contains(step))
        {
            return Refusal.Invalid("action", "unknown", $"action must be one of {string.Join(", ", Steps)}.");
        }

        if (user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Only a person of the department works on returns.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await ReturnAccess.Visible(db.ProductReturns, user).Include(x => x.Tests).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (found is null)
        {
            return Refusal.NotFound("Return");
        }

        var manages = user.Can(Policies.ManageReturns);
        if (!manages && !(step is "inspect" or "repair" && found.ResponsiblePersonId == me))
        {
            return Refusal.Forbidden(step is "inspect" or "repair"
                ? "The person answering for the repair, the service office or the warehouse records the inspection and the repair."
                : "The service office, the warehouse or their leaders take this step.");
        }

        db.Entry(found).Property(x => x.Version).OriginalValue = r.Version;
        if (found.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var on = r.On ?? clock.Today;
        if (on > clock.Today)
        {
            return Refusal.Invalid("on", "range", "on is not after today.");
        }

        var refusal = step switch
        {
            "inspect" => found.Inspect(me, on, r.Finding, r.Decision),
            "repair" => found.Repair(me, on, r.Work, r.ReplacementSerial),
            "test" => r.Passed is { } passed ? found.Test(me, on, passed, r.Note) : Refusal.Invalid("passed", "required", "passed is required."),
            "ship" => found.Ship(on, r.Reference),
            "refund" => found.Refund(on),
            "cancel" => found.Cancel(r.Reason),
            _ => await AssignAsync(db, found, r.PersonId, ct),
        };
        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    private static async Task<Refusal?> AssignAsync(AppDbContext db, ProductReturn found, int? personId, CancellationToken ct) =>
        personId is { } person && await db.People.AnyAsync(p => p.Id == person && p.IsActive, ct)
            ? found.Assign(person)
            : Refusal.Invalid("personId", personId is null ? "required" : "unknown", "personId names an active person.");

    public async Task<PageOf<ReturnSummary>> ListAsync(ReturnFilter filter, string? search, int? personId, ClaimsPrincipal user, int page, int pageSize,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var all = ReturnAccess.Visible(db.ProductReturns.AsNoTracking(), user);

        // The open statuses by equality, not by "not closed": the (Status, DueOn) index then reads only the open returns, in order.
        var open = all.Where(x => x.Status == ReturnStatus.Received || x.Status == ReturnStatus.Inspected || x.Status == ReturnStatus.Repaired
            || x.Status == ReturnStatus.Passed);
        var chosen = filter switch
        {
            ReturnFilter.Open => open,
            ReturnFilter.Overdue => open.Where(x => x.DueOn < today),
            ReturnFilter.Completed => all.Where(x => x.Status == ReturnStatus.ShippedBack || x.Status == ReturnStatus.Refunded),
            _ => all,
        };
        if (personId is { } person)
        {
            chosen = chosen.Where(x => x.ResponsiblePersonId == person);
        }

        if (!string.IsNullOrWhiteSpace(search))
        {
            // Each alternative by its own index (the id, either serial number, the customers found by name), so none reads every return.
            var s = search.Trim();
            var upper = s.ToUpperInvariant();
            var byId = ProductReturn.IdOf(s) ?? -1;
            var customers = await db.Customers.Where(c => c.Name.Contains(s)).OrderBy(c => c.Id).Select(c => c.Id).Take(100).ToListAsync(ct);
            chosen = chosen.Where(x => x.Id == byId || x.SerialNumber == upper || x.ReplacementSerial == upper || customers.Contains(x.CustomerId));
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await chosen.CountAsync(ct);
        var ordered = filter is ReturnFilter.Open or ReturnFilter.Overdue ? chosen.OrderBy(x => x.DueOn).ThenBy(x => x.Id) : chosen.OrderByDescending(x => x.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Id, x.Status, x.Item, x.SerialNumber, x.ReceivedOn, x.DueOn, x.CompletedOn,
                Customer = db.Customers.Where(c => c.Id == x.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Responsible = db.People.Where(p => p.Id == x.ResponsiblePersonId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new PageOf<ReturnSummary>(rows.Select(x => new ReturnSummary(x.Id, ProductReturn.NumberOf(x.Id), x.Status, x.Customer ?? "", x.Item, x.SerialNumber,
            x.Responsible ?? "", x.ReceivedOn, x.DueOn, Overdue(x.Status, x.DueOn, today), x.CompletedOn)).ToList(), total, page, pageSize);
    }

    public async Task<ReturnView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var x = await ReturnAccess.Visible(db.ProductReturns.AsNoTracking(), user).Include(r => r.Tests).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (x is null)
        {
            return null;
        }

        var customer = await db.Customers.Where(c => c.Id == x.CustomerId).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var ticket = x.TicketId is { } t ? await db.Tickets.Where(k => k.Id == t).Select(k => k.Number).FirstOrDefaultAsync(ct) : null;
        var names = await PersonNames.OfAsync(db, [x.ReceivedById, x.ResponsiblePersonId, x.InspectedById, .. x.Tests.Select(s => (int?)s.TestedById)], ct);
        string? Name(int? person) => person is { } p ? names.GetValueOrDefault(p) : null;
        return new ReturnView(x.Id, x.Number, x.Status, x.CustomerId, customer, x.TicketId, ticket, x.ProductUnitId, x.Item, x.SerialNumber, x.Fault, x.ReceivedOn,
            Name(x.ReceivedById), x.ResponsiblePersonId, Name(x.ResponsiblePersonId) ?? "", x.DueOn, Overdue(x.Status, x.DueOn, clock.Today), x.Decision, x.Finding,
            x.InspectedOn, Name(x.InspectedById), x.RepairWork, x.ReplacementSerial, x.RepairedOn, x.WorkedById,
            x.Tests.OrderBy(s => s.Sequence).Select(s => new ReturnTestView(s.Sequence, s.TestedOn, Name(s.TestedById) ?? "", s.Passed, s.Note)).ToList(),
            x.ShippedOn, x.ShippingReference, x.RefundedOn, x.TurnaroundDays, x.CancelReason, x.Version);
    }

    /// <summary>The number of the ticket a return is received from, shown on the receipt form.</summary>
    public async Task<string?> TicketNumberAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Tickets.Where(t => t.Id == ticketId).Select(t => t.Number).FirstOrDefaultAsync(ct);
    }

    private static bool Overdue(ReturnStatus status, DateOnly dueOn, DateOnly today) => ReturnTransitions.IsOpen(status) && dueOn < today;
}

/// <summary>
/// Who sees which returns: the service office, the warehouse, leaders, the GM and the administrator all of them; an engineer the
/// ones they answer for (their pass rate and turnaround are scored to them).
/// </summary>
internal static class ReturnAccess
{
    private static readonly RoleScope<ProductReturn> Scope = new(
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.WarehouseKeeper, RoleNames.GeneralManager],
        me => r => r.ResponsiblePersonId == me);

    public static bool SeesAll(ClaimsPrincipal user) => Scope.SeesAll(user);

    public static IQueryable<ProductReturn> Visible(IQueryable<ProductReturn> all, ClaimsPrincipal user) => Scope.Visible(all, user);
}
