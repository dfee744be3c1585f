using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Contracts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Organisation;
using ServiceMark.Web.Features.Parts;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Contracts;

/// <summary>
/// The money of contracts (R-EXP-2): invoices issued per instalment, payments received (each settling the oldest instalment
/// owed first, never recorded by the person the contract's collection is scored to), what is still owed and how old, and the
/// collection rate per person.
/// </summary>
public sealed class ContractReceipts(IDbContextFactory<AppDbContext> contexts, TimeProvider time, CompanyClock clock, MaintenanceContracts contracts)
{
    private DateTime Now => time.StoredUtcNow();

    public async Task<Result<ContractView>> RecordPaymentAsync(int id, PaymentRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.RecordReceipts) || user.PersonId() is not { } me)
        {
            return Refusal.Forbidden("Finance or the service office records payments.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var contract = await db.MaintenanceContracts.Include(c => c.Instalments).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract is null)
        {
            return Refusal.NotFound("Contract");
        }

        db.Entry(contract).Property(c => c.Version).OriginalValue = r.Version;
        if (contract.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (r.ReceivedOn is not { } receivedOn)
        {
            return Refusal.Invalid("receivedOn", "required", "receivedOn is required.");
        }

        var recorded = ContractPayment.Record(contract, Now, clock.Today, me, receivedOn, r.Amount, r.Reference);
        if (recorded.Refusal is { } refused)
        {
            return refused;
        }

        db.ContractPayments.Add(recorded.Value!);
        return await db.TrySaveAsync(user, ct) ? (await contracts.GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    public async Task<Result<ContractView>> InvoiceAsync(int id, int sequence, InvoiceRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!user.Can(Policies.RecordReceipts))
        {
            return Refusal.Forbidden("Finance or the service office records invoices.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var contract = await db.MaintenanceContracts.Include(c => c.Instalments).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (contract?.Instalments.FirstOrDefault(i => i.Sequence == sequence) is not { } instalment)
        {
            return Refusal.NotFound("Instalment");
        }

        db.Entry(contract).Property(c => c.Version).OriginalValue = r.Version;
        if (contract.Version != r.Version)
        {
            return Refusal.StaleVersion();
        }

        if (!ContractTransitions.WasInForce(contract.Status))
        {
            return Refusal.Conflict("invalid_transition", $"A contract that is {contract.Status} is not invoiced.");
        }

        var errors = new FieldErrors();
        if (r.InvoicedOn is null)
        {
            errors.Add("invoicedOn", "required", "invoicedOn is required.");
        }
        else if (r.InvoicedOn > clock.Today)
        {
            errors.Add("invoicedOn", "future", "invoicedOn is not after today.");
        }

        if (instalment.Invoice(r.InvoiceNumber, r.InvoicedOn ?? clock.Today) is { } refused)
        {
            errors.Add(refused.Errors[0].Field, refused.Errors[0].Code, refused.Errors[0].Message);
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        db.Entry(contract).Property(c => c.Version).IsModified = true; // the contract's version covers its instalments
        return await db.TrySaveAsync(user, ct) ? (await contracts.GetAsync(id, user, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Instalments of contracts in force still owed, oldest due first; <paramref name="overdueOnly"/>: past their due date.</summary>
    public async Task<ReceivablesPage> ReceivablesAsync(bool overdueOnly, int? personId, ClaimsPrincipal user, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var owed = Owed(db, user, personId, overdueOnly ? today : null);
        pageSize = Math.Clamp(pageSize, 1, 200);
        page = Math.Max(page, 1);

        // The totals by age: the few instalments owed are summed here, so the fen agree exactly on both providers.
        var all = await owed.Select(x => new { x.Instalment.DueOn, x.Instalment.Amount, x.Instalment.Collected }).ToListAsync(ct);
        var byAge = Enum.GetValues<AgeBucket>().ToDictionary(b => b, _ => 0m);
        foreach (var i in all)
        {
            byAge[Receivables.Bucket(today > i.DueOn ? today.DayNumber - i.DueOn.DayNumber : 0)] += i.Amount - i.Collected;
        }

        var rows = await owed.OrderBy(x => x.Instalment.DueOn).ThenBy(x => x.Instalment.Id).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(x => new
            {
                x.Contract.Id, x.Contract.Number, x.Contract.ResponsiblePersonId, x.Instalment.Sequence, x.Instalment.DueOn, x.Instalment.Amount,
                x.Instalment.Collected, x.Instalment.InvoiceNumber,
                Customer = db.Customers.Where(c => c.Id == x.Contract.CustomerId).Select(c => c.Name).FirstOrDefault(),
                Responsible = db.People.Where(p => p.Id == x.Contract.ResponsiblePersonId).Select(p => p.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var items = rows.Select(x =>
        {
            var days = today > x.DueOn ? today.DayNumber - x.DueOn.DayNumber : 0;
            return new ReceivableView(x.Id, x.Number, x.Customer ?? "", x.ResponsiblePersonId, x.Responsible ?? "", x.Sequence, x.DueOn, x.Amount,
                x.Amount - x.Collected, x.InvoiceNumber, days, Receivables.Bucket(days));
        }).ToList();
        var outstanding = byAge.Values.Sum();
        return new ReceivablesPage(items, all.Count, page, pageSize, new ReceivablesTotals(outstanding, outstanding - byAge[AgeBucket.NotDue], byAge));
    }

    /// <summary>A class with setters, not a positional record: EF Core composes further queries only over member initialisers.</summary>
    private sealed class Owing
    {
        public MaintenanceContract Contract { get; init; } = null!;
        public ContractInstalment Instalment { get; init; } = null!;
    }

    private static IQueryable<Owing> Owed(AppDbContext db, ClaimsPrincipal user, int? personId, DateOnly? dueBefore)
    {
        var contracts = ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user)
            .Where(c => c.Status == ContractStatus.Active || c.Status == ContractStatus.Terminated);
        if (personId is { } p)
        {
            contracts = contracts.Where(c => c.ResponsiblePersonId == p);
        }

        var owed = from c in contracts
                   join i in db.ContractInstalments on c.Id equals i.ContractId
                   where i.Collected < i.Amount
                   select new Owing { Contract = c, Instalment = i };
        return dueBefore is { } day ? owed.Where(x => x.Instalment.DueOn < day) : owed;
    }

    /// <summary>Per person answering for contracts: due in [<paramref name="from"/>, <paramref name="to"/>], paid by the due date, the rate.</summary>
    public async Task<Result<IReadOnlyList<CollectionByPerson>>> CollectionAsync(DateOnly? fromDay, DateOnly? toDay, ClaimsPrincipal user,
        CancellationToken ct = default)
    {
        if (fromDay is not { } first || toDay is not { } last || first > last)
        {
            return Refusal.Invalid(fromDay is null ? "from" : "to", "range", "from and to are required, from on or before to.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var due = await (from c in ContractAccess.Visible(db.MaintenanceContracts.AsNoTracking(), user)
                         join i in db.ContractInstalments on c.Id equals i.ContractId
                         where (c.Status == ContractStatus.Active || c.Status == ContractStatus.Terminated) && i.DueOn >= first && i.DueOn <= last
                         select new
                         {
                             c.ResponsiblePersonId, i.Amount,
                             OnTime = db.PaymentAllocations.Where(a => a.InstalmentId == i.Id && a.ReceivedOn <= a.DueOn).Select(a => a.Amount).ToList(),
                         }).ToListAsync(ct);
        var names = await PersonNames.OfAsync(db, due.Select(d => (int?)d.ResponsiblePersonId), ct);
        return due.GroupBy(d => d.ResponsiblePersonId).Select(g =>
            {
                var instalments = g.Select(d => new DueInstalment(d.Amount, d.OnTime.Sum())).ToList();
                return new CollectionByPerson(g.Key, names.GetValueOrDefault(g.Key) ?? "", instalments.Sum(i => i.Amount),
                    instalments.Sum(i => Math.Min(i.Amount, i.CollectedByDueDate)), Receivables.CollectionRate(instalments));
            })
            .OrderBy(x => x.Rate ?? 101m).ThenBy(x => x.PersonName, StringComparer.Ordinal).ToList<CollectionByPerson>();
    }
}
