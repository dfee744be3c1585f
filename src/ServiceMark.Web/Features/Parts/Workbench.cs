using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Parts;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Parts;

/// <summary>What waits for the warehouse keeper (issue 13 point 9): each number links to its list.</summary>
public sealed record WarehouseWorkView(int RequisitionsToIssue, int OldPartsAwaitingReturn, int OldPartsOverdue, int OldPartsToInspect, int OldPartsToDispose,
    int BelowMinimum, int ClaimsOutstanding);

/// <summary>The warehouse keeper's workbench: counts read from indexed status columns, never a walk over the ledger.</summary>
public sealed class Workbench(IDbContextFactory<AppDbContext> contexts, CompanyClock clock, StockQueries stock)
{
    public async Task<WarehouseWorkView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = clock.Today;
        var toIssue = await db.PartRequisitions.CountAsync(r => r.Status == RequisitionStatus.Approved, ct);
        var byStatus = await db.OldParts.GroupBy(o => o.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var overdue = await db.OldParts.CountAsync(o => o.Status == OldPartStatus.AwaitingReturn && o.DueOn < today, ct);
        var low = await stock.OnHandAsync(null, null, belowMinimum: true, 1, 1, ct);
        var claims = await db.SupplierClaims.CountAsync(c => c.Status == ClaimStatus.Sent || c.Status == ClaimStatus.Accepted || c.Status == ClaimStatus.PartlyAccepted, ct);
        return new WarehouseWorkView(toIssue, byStatus.GetValueOrDefault(OldPartStatus.AwaitingReturn), overdue, byStatus.GetValueOrDefault(OldPartStatus.Returned),
            byStatus.GetValueOrDefault(OldPartStatus.Inspected), low.Total, claims);
    }
}
