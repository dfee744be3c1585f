using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.DepartmentPolicies;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Parts;

/// <summary>What signing a report does to stock: the catalogue lines it writes off and the old parts it expects back.</summary>
public sealed record ConsumptionPlan(int? EngineerId, IReadOnlyList<StockMovement> Movements, IReadOnlyList<OldPart> OldParts)
{
    public bool IsEmpty => Movements.Count == 0 && OldParts.Count == 0;
}

/// <summary>
/// 销帐 (R-PRT-2, seed 001 §3.6.2): when the customer signs a report, each replaced part that names a catalogue part is
/// written off from the personal stock of the engineer who did the work to the customer's vehicle, in the transaction that
/// stores the signature — a shortage refuses the signature, so what the customer signed is always what left the stock. Each
/// part replaced under warranty, catalogue or not, becomes an old part (旧件, R-PRT-3) the engineer must bring back.
/// </summary>
public sealed class PartConsumption(StockLedger ledger, CompanyClock clock)
{
    /// <summary>
    /// Before the signature image is stored: whose stock the parts come from and whether it holds them now (a read, so a
    /// refusal leaves nothing behind; the post re-checks under the lock).
    /// </summary>
    public async Task<Result<ConsumptionPlan>> PlanAsync(AppDbContext db, ServiceTicket ticket, CancellationToken ct)
    {
        var report = ticket.Report!;
        var assigned = ticket.Assignments.Select(a => a.EngineerId).ToList();
        int? engineer = report.RecordedByPersonId is { } recorder && assigned.Contains(recorder) ? recorder : ticket.LeadEngineerId ?? assigned.FirstOrDefault();
        engineer = engineer is 0 ? null : engineer;
        var lines = report.PartsReplaced;
        var catalogued = lines.Where(l => l.SparePartId is not null).ToList();
        var movements = new List<StockMovement>();
        if (catalogued.Count > 0)
        {
            var stock = engineer is null
                ? null
                : await db.StockLocations.AsNoTracking().Where(l => l.PersonId == engineer && l.Kind == LocationKind.PersonalStock && l.IsActive)
                    .Select(l => (int?)l.Id).FirstOrDefaultAsync(ct);
            if (stock is null)
            {
                return Refusal.Invalid("partsReplaced", "no_personal_stock",
                    "The engineer who did the work has no personal stock to write the catalogue parts off from.");
            }

            var customer = await db.StockLocations.Where(l => l.Kind == LocationKind.Customer).Select(l => l.Id).FirstAsync(ct);
            movements.AddRange(catalogued.GroupBy(l => l.SparePartId!.Value).Select(g => new StockMovement(MovementKind.Consumption, g.Key, stock.Value, customer,
                g.Sum(l => l.Quantity), $"{ticket.Number} {string.Join("；", g.Select(l => l.Reason).Distinct())}", nameof(ServiceTicket), ticket.Id)));
            var partIds = movements.Select(m => m.PartId).ToList();
            var onHand = await db.StockBalances.AsNoTracking().Where(b => b.LocationId == stock && partIds.Contains(b.PartId))
                .ToDictionaryAsync(b => b.PartId, b => b.OnHandHundredths, ct);
            foreach (var m in movements)
            {
                var available = onHand.GetValueOrDefault(m.PartId);
                if (available < Quantities.ToHundredths(m.Quantity))
                {
                    return await StockLedger.ShortageAsync(db, new Shortage(m.PartId, stock.Value, m.Quantity, Quantities.FromHundredths(available)), ct);
                }
            }
        }

        var oldParts = new List<OldPart>();
        if (ticket.UnderWarranty == true && engineer is { } who && lines.Count > 0)
        {
            var policy = await DepartmentPolicyHandlers.CurrentAsync(db, ct);
            var due = clock.Today.AddDays(policy.OldPartReturnDays);
            oldParts.AddRange(lines.Select(l => OldPart.Create(clock.UtcNow, due, ticket.Id, l.SparePartId, l.Name, l.Quantity, who)));
        }

        return new ConsumptionPlan(engineer, movements, oldParts);
    }

    /// <summary>Inside the signing transaction: posts the write-offs and adds the old parts; a refusal means the caller rolls back.</summary>
    public async Task<Refusal?> PostAsync(AppDbContext db, ConsumptionPlan plan, ClaimsPrincipal user, CancellationToken ct)
    {
        if (plan.Movements.Count > 0)
        {
            var posted = await ledger.PostAsync(db, plan.Movements, user.PersonId(), user.DisplayName(), ct);
            if (posted.Refusal is { } refused)
            {
                return refused;
            }
        }

        db.OldParts.AddRange(plan.OldParts);
        return null;
    }

    /// <summary>A draft's catalogue lines must name active parts (the name stays what the engineer wrote).</summary>
    public static async Task<FieldErrors> CheckLinesAsync(AppDbContext db, IReadOnlyList<ReplacedPartLine>? lines, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var ids = (lines ?? []).Select(l => l?.SparePartId).OfType<int>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return errors;
        }

        var known = await db.SpareParts.Where(p => ids.Contains(p.Id) && p.IsActive).Select(p => p.Id).ToListAsync(ct);
        for (var i = 0; i < lines!.Count; i++)
        {
            if (lines[i]?.SparePartId is { } id && !known.Contains(id))
            {
                errors.Add($"partsReplaced[{i}].sparePartId", "unknown", "sparePartId does not name an active part of the catalogue.");
            }
            else if (lines[i] is { SparePartId: not null } line && decimal.Round(line.Quantity, StockRules.QuantityDecimals) != line.Quantity)
            {
                // The ledger keeps hundredths: a catalogue part is written off exactly as entered.
                errors.Add($"partsReplaced[{i}].quantity", "too_precise", $"quantity has at most {StockRules.QuantityDecimals} decimals.");
            }
        }

        return errors;
    }
}
