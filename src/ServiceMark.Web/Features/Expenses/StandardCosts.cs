using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Expenses;

public sealed record StandardCostRequest(string? JobType, decimal Amount, int Version = 0);

/// <summary>A job type and its standard cost, null when none is set (its tickets are then never an overrun).</summary>
public sealed record StandardCostView(FaultCategory JobType, decimal? Amount, int Version);

/// <summary>标准成本 per job type (issue 14 point 9): the yardstick the cost overrun fact and the ticket's cost panel compare with.</summary>
public sealed class StandardCosts(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<StandardCostView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return Views(await db.StandardCosts.AsNoTracking().ToListAsync(ct));
    }

    /// <summary>The standard of one job type, or null.</summary>
    public static async Task<decimal?> OfAsync(AppDbContext db, FaultCategory jobType, CancellationToken ct) =>
        (await db.StandardCosts.AsNoTracking().FirstOrDefaultAsync(s => s.JobType == jobType, ct))?.Amount;

    /// <summary>Sets one job type's standard: a new row when none was set, else a change under its version.</summary>
    public async Task<Result<StandardCostView>> SaveAsync(StandardCostRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!Enum.TryParse<FaultCategory>(r.JobType, ignoreCase: true, out var jobType) || !Enum.IsDefined(jobType) || int.TryParse(r.JobType, out _))
        {
            return Refusal.Invalid("jobType", string.IsNullOrWhiteSpace(r.JobType) ? "required" : "unknown",
                $"jobType is one of: {string.Join(", ", Enum.GetNames<FaultCategory>())}.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var existing = await db.StandardCosts.FirstOrDefaultAsync(s => s.JobType == jobType, ct);
        if (await KeyedSettings.SaveAsync(db, existing, () => StandardCost.Create(jobType, r.Amount), s => s.Change(r.Amount), r.Version, user, ct) is { } refused)
        {
            return refused;
        }

        return Views(await db.StandardCosts.AsNoTracking().ToListAsync(ct)).Single(v => v.JobType == jobType);
    }

    private static List<StandardCostView> Views(List<StandardCost> rows) =>
        Enum.GetValues<FaultCategory>().Select(c => rows.FirstOrDefault(s => s.JobType == c) is { } s
            ? new StandardCostView(c, s.Amount, s.Version)
            : new StandardCostView(c, null, 0)).ToList();
}
