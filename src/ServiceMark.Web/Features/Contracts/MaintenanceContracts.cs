using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Contracts;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Contracts;

/// <summary>
/// 维保合同 (R-EXP-2, issue 14 point 5): the service office drafts a contract (customer, units, term, amount, billing
/// schedule, the visits it promises), the department head or the GM puts it in force — which lays out its planned visits for
/// the term — and it is terminated early or runs out. Who sees which: <see cref="ContractAccess"/>.
/// </summary>
public sealed class MaintenanceContracts(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock)
{
    /// <summary>Contracts ending within this many days are listed as renewals due.</summary>
    public const int RenewalWindowDays = 60;

    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<ContractView>> DraftAsync(ContractRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = await CheckReferencesAsync(db, r, ct);
        var terms = Terms(r, errors);
        if (errors.All.Any(e => e.Code == "required"))
        {
            return errors.ToRefusal(); // without its dates the terms cannot be checked further
        }

        var drafted = MaintenanceContract.Draft(Now, user.PersonId(), terms);
        if (Merge(errors, drafted.Refusal) is { } refused)
        {
            return refused;
        }

        if (r.RenewsContractId is { } renews && await RenewAsync(db, drafted.Value!, renews, user, ct) is { } notRenewed)
        {
            return notRenewed;
        }

        if (await db.MaintenanceContracts.AnyAsync(c => c.Number == drafted.Value!.Number, ct))
        {
            return Refusal.Duplicate("number", "Another contract has this number.");
        }

        db.MaintenanceContracts.Add(drafted.Value!);
        await db.TrySaveAsync(user, ct);
        return (await GetAsync(drafted.Value!.Id, user, ct))!;
    }

    public async Task<Result<ContractView>> EditAsync(int id, ContractRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var contract = await db.MaintenanceContracts.Include(c => c.Instalments).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return Refusal.NotFound("Contract");
        }

        db.Entry(contract).Property(c => c.Version).OriginalValue = r.Version;
        var errors = await CheckReferencesAsync(db, r, ct);
        if (contract.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        var terms = Terms(r, errors);
        if (errors.All.Any(e => e.Code == "required"))
        {
            return errors.ToRefusal();
        }

        if (Merge(errors, contract.Edit(terms)) is { } refused)
        {
            return refused;
        }

        // A renewal stays one: the changed terms are checked against the contract it renews.
        if (contract.RenewsContractId is { } renews && await RenewAsync(db, contract, renews, user, ct) is { } notRenewed)
        {
            return notRenewed;
        }

        if (await db.MaintenanceContracts.AnyAsync(c => c.Number == contract.Number && c.Id != id, ct))
        {
            return Refusal.Duplicate("number", "Another contract has this number.");
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>activate (head, GM), cancel a draft, terminate a contract in force (the service office).</summary>
    public async Task<Result<ContractView>> ActAsync(int id, string action, ContractStepRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (action is not ("activate" or "cancel" or "terminate"))
        {
            return Refusal.Invalid("action", "unknown", "action must be activate, cancel or terminate.");
        }

        if (!user.Can(action == "activate" ? Policies.ActivateContracts : Policies.ManageContracts) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden(action == "activate"
                ? "The department head or the general manager puts a contract in force."
                : "The service office cancels and terminates contracts.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var contract = await db.MaintenanceContracts.Include(c => c.Instalments).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return Refusal.NotFound("Contract");
        }

        db.Entry(contract).Property(c => c.Version).OriginalValue = r.Version;
        Refusal? refusal;
        switch (action)
        {
            case "activate":
                refusal = await CheckCustomerCanBeVisitedAsync(db, contract, ct) ?? contract.Activate(Now, me);
                if (refusal is null)
                {
                    db.PlannedVisits.AddRange(PlannedVisit.For(contract));
                }

                break;
            case "cancel":
                refusal = contract.Cancel();
                break;
            default:
                refusal = r.TerminatedOn is { } end
                    ? contract.Terminate(Now, me, end, r.Reason)
                    : Refusal.Invalid("terminatedOn", "required", "terminatedOn is required.");
                if (refusal is null && r.TerminatedOn is { } on)
                {
                    // Visits not yet opened that fall on or after the end are no longer owed; opened ones run their course.
                    db.PlannedVisits.RemoveRange(await db.PlannedVisits.Where(v => v.ContractId == id && v.TicketId == null && v.DueOn >= on).ToListAsync(ct));
                }

                break;
        }

        if (refusal is not null)
        {
            return refusal;
        }

        return await db.TrySaveAsync(user, ct) ? (await GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>The terms a renewal of a contract is proposed with (the form of 续签), or null when the user does not see it.</summary>
    public async Task<ContractRequest?> RenewalAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user).Include(x => x.Instalments).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var t = c.RenewalTerms(clock.Today);
        return new ContractRequest(t.Number, t.CustomerId, t.ResponsiblePersonId, t.SignedOn, t.StartsOn, t.EndsOn, t.Amount, t.VisitIntervalMonths, t.VisitLeadDays,
            t.UnitIds, t.Instalments!.Select(i => new InstalmentRequest(i.DueOn, i.Amount)).ToList(), t.Note, 0, c.Id);
    }

    /// <summary>Makes <paramref name="contract"/> the renewal of another the user sees, unless that one is renewed already.</summary>
    private static async Task<Refusal?> RenewAsync(AppDbContext db, MaintenanceContract contract, int renews, ClaimsPrincipal user, CancellationToken ct)
    {
        var previous = await ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user).FirstOrDefaultAsync(c => c.Id == renews, ct);
        if (previous is null)
        {
            return Refusal.Invalid("renewsContractId", "not_found", "The contract to renew does not exist.");
        }

        var other = await db.MaintenanceContracts.Where(c => c.RenewsContractId == renews && c.Id != contract.Id && c.Status != ContractStatus.Cancelled)
            .Select(c => c.Number).FirstOrDefaultAsync(ct);
        return other is not null ? Refusal.Duplicate("renewsContractId", $"The contract is renewed already by {other}.") : contract.Renew(previous);
    }

    public async Task<PageOf<ContractSummary>> ListAsync(ContractFilter filter, string? search, ClaimsPrincipal user, int page, int pageSize,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var all = ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user);
        var renewBy = today.AddDays(RenewalWindowDays);
        var endedSince = today.AddDays(-30);
        var chosen = filter switch
        {
            ContractFilter.RenewalsDue => all.Where(c => c.Status == ContractStatus.Active && c.EndsOn <= renewBy && c.EndsOn >= endedSince
                && !db.MaintenanceContracts.Any(n => n.CustomerId == c.CustomerId && n.Id != c.Id && n.StartsOn > c.StartsOn && n.Status != ContractStatus.Cancelled)),
            ContractFilter.Draft => all.Where(c => c.Status == ContractStatus.Draft),
            ContractFilter.Active => all.Where(c => c.Status == ContractStatus.Active && c.EndsOn >= today),
            ContractFilter.Ended => all.Where(c => c.Status == ContractStatus.Terminated || c.Status == ContractStatus.Active && c.EndsOn < today),
            _ => all,
        };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            var upper = s.ToUpperInvariant();
            chosen = chosen.Where(c => c.Number.StartsWith(upper) || db.Customers.Any(x => x.Id == c.CustomerId && x.Name.Contains(s)));
        }

        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(page, 1);
        var total = await chosen.CountAsync(ct);
        var ordered = filter == ContractFilter.RenewalsDue ? chosen.OrderBy(c => c.EndsOn).ThenBy(c => c.Id) : chosen.OrderByDescending(c => c.Id);
        var rows = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id, c.Number, c.Status, c.EndsOn, c.StartsOn, c.SignedOn, c.Amount, c.Collected,
                Customer = db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefault(),
                Responsible = db.People.Where(p => p.Id == c.ResponsiblePersonId).Select(p => p.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new PageOf<ContractSummary>(rows.Select(c => new ContractSummary(c.Id, c.Number, c.Status, Expired(c.Status, c.EndsOn, today), c.Customer ?? "",
            c.Responsible ?? "", c.SignedOn, c.StartsOn, c.EndsOn, c.Amount, c.Amount - c.Collected)).ToList(), total, page, pageSize);
    }

    public async Task<ContractView?> GetAsync(int id, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user).Include(x => x.Instalments).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var today = clock.Today;
        var customer = await db.Customers.Where(x => x.Id == c.CustomerId).Select(x => x.Name).FirstOrDefaultAsync(ct) ?? "";
        var payments = await db.ContractPayments.AsNoTracking().Where(p => p.ContractId == id).OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, [c.ResponsiblePersonId, c.CreatedById, c.ActivatedById, .. payments.Select(p => (int?)p.RecordedById)], ct);
        var units = await (from u in db.ProductUnits
                           join m in db.ProductModels on u.ProductModelId equals m.Id
                           where c.UnitIds.Contains(u.Id)
                           orderby u.SerialNumber
                           select new CoveredUnit(u.Id, u.SerialNumber, m.Name)).ToListAsync(ct);
        var visits = await (from v in db.PlannedVisits
                            where v.ContractId == id
                            orderby v.DueOn
                            select new VisitView(v.Id, v.DueOn, v.OpensOn, v.TicketId,
                                db.Tickets.Where(t => t.Id == v.TicketId).Select(t => t.Number).FirstOrDefault(),
                                db.Tickets.Where(t => t.Id == v.TicketId).Select(t => t.Status.ToString()).FirstOrDefault())).ToListAsync(ct);
        string? Name(int? person) => person is { } p ? names.GetValueOrDefault(p) : null;
        return new ContractView(c.Id, c.Number, c.Status, Expired(c.Status, c.EndsOn, today), c.CustomerId, customer, c.ResponsiblePersonId,
            Name(c.ResponsiblePersonId) ?? "", c.SignedOn, c.StartsOn, c.EndsOn, c.Amount, c.Collected, c.Outstanding, c.VisitIntervalMonths,
            c.VisitLeadDays, units,
            c.Instalments.OrderBy(i => i.Sequence).Select(i => new InstalmentView(i.Id, i.Sequence, i.DueOn, i.Amount, i.Collected, i.Outstanding,
                i.InvoiceNumber, i.InvoicedOn, i.DaysOverdue(today))).ToList(),
            visits,
            payments.Select(p => new PaymentView(p.Id, p.ReceivedOn, p.Amount, p.Reference, Name(p.RecordedById) ?? "", p.RecordedAtUtc)).ToList(),
            c.Note, Name(c.CreatedById), Name(c.ActivatedById), c.ActivatedAtUtc, c.TerminatedOn, c.TerminationReason, c.Version,
            await db.MaintenanceContracts.Where(x => x.Id == c.RenewsContractId).Select(x => new ContractLink(x.Id, x.Number)).FirstOrDefaultAsync(ct),
            await db.MaintenanceContracts.Where(x => x.RenewsContractId == c.Id && x.Status != ContractStatus.Cancelled)
                .Select(x => new ContractLink(x.Id, x.Number)).FirstOrDefaultAsync(ct));
    }

    private static bool Expired(ContractStatus status, DateOnly endsOn, DateOnly today) => status == ContractStatus.Active && endsOn < today;

    private static ContractTerms Terms(ContractRequest r, FieldErrors errors)
    {
        if (r.SignedOn is null)
        {
            errors.Add("signedOn", "required", "signedOn is required.");
        }

        if (r.StartsOn is null)
        {
            errors.Add("startsOn", "required", "startsOn is required.");
        }

        if (r.EndsOn is null)
        {
            errors.Add("endsOn", "required", "endsOn is required.");
        }

        var instalments = (r.Instalments ?? []).Select((i, n) =>
        {
            if (i is null)
            {
                errors.Add($"instalments[{n}]", "required", "An instalment is a due date and an amount.");
                return new InstalmentTerms(r.SignedOn ?? default, 0m);
            }

            if (i.DueOn is null)
            {
                errors.Add($"instalments[{n}].dueOn", "required", "An instalment's dueOn is required.");
            }

            return new InstalmentTerms(i.DueOn ?? r.SignedOn ?? default, i.Amount);
        }).ToList();
        var starts = r.StartsOn ?? default;
        return new ContractTerms(r.Number, r.CustomerId, r.ResponsiblePersonId, r.SignedOn ?? starts, starts, r.EndsOn ?? starts.AddDays(1), r.Amount,
            r.VisitIntervalMonths, r.VisitLeadDays, r.UnitIds, instalments, r.Note);
    }

    /// <summary>The customer, the person and the units named exist, and the units are the customer's.</summary>
    private static async Task<FieldErrors> CheckReferencesAsync(AppDbContext db, ContractRequest r, CancellationToken ct)
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

        var units = (r.UnitIds ?? []).Distinct().ToList();
        if (units.Count is > 0 and <= MaintenanceContract.MaxUnits
            && await db.ProductUnits.CountAsync(u => units.Contains(u.Id) && u.CustomerId == r.CustomerId, ct) != units.Count)
        {
            errors.Add("unitIds", "unknown", "unitIds names a unit that is not the customer's.");
        }

        return errors;
    }

    /// <summary>A visit is opened as a ticket with the customer's contact and site: the customer needs both before its contract is in force.</summary>
    private static async Task<Refusal?> CheckCustomerCanBeVisitedAsync(AppDbContext db, MaintenanceContract contract, CancellationToken ct)
    {
        if (contract.VisitIntervalMonths == 0)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().Include(c => c.Contacts).Include(c => c.Sites).FirstAsync(c => c.Id == contract.CustomerId, ct);
        return customer.Contacts.Any(c => !string.IsNullOrWhiteSpace(c.Phone)) && customer.Sites.Count > 0
            ? null
            : Refusal.Invalid("customerId", "not_visitable",
                "The customer needs a contact with a phone number and a site before the contract's visits can be planned.");
    }

    private static Refusal? Merge(FieldErrors errors, Refusal? refused)
    {
        if (refused is { Kind: not RefusalKind.Validation })
        {
            return refused;
        }

        foreach (var e in refused?.Errors ?? [])
        {
            if (!errors.All.Any(x => x.Field == e.Field))
            {
                errors.Add(e.Field, e.Code, e.Message);
            }
        }

        return errors.Any ? errors.ToRefusal() : null;
    }
}

/// <summary>
/// Who sees which contracts: the service office, leaders, HR, the GM and the administrator all of them; an engineer the ones
/// they answer for (their amount and collection are scored to them, a colleague's are not their business).
/// </summary>
internal static class ContractAccess
{
    private static readonly RoleScope<MaintenanceContract> Scope = new(
        [RoleNames.Admin, RoleNames.DepartmentHead, RoleNames.Supervisor, RoleNames.Specialist, RoleNames.Hr, RoleNames.GeneralManager],
        me => c => c.ResponsiblePersonId == me);

    public static bool SeesAll(ClaimsPrincipal user) => Scope.SeesAll(user);

    public static IQueryable<MaintenanceContract> Visible(IQueryable<MaintenanceContract> all, ClaimsPrincipal user) => Scope.Visible(all, user);
}
