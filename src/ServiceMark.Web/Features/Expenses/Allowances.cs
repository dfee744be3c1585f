using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Expenses;

public sealed record AllowanceRequest(string? Name, decimal RatePerDay, bool IsActive = true, int Version = 0);

public sealed record AllowanceView(int Id, string Name, decimal RatePerDay, bool IsActive, int Version);

/// <summary>The travel allowance table (出差补助标准) that per-diem claim lines are paid by: kept by HR.</summary>
public sealed class Allowances(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<AllowanceView>> ListAsync(bool includeInactive, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PerDiemAllowances.AsNoTracking().Where(a => includeInactive || a.IsActive).ToListAsync(ct);
        return rows.OrderBy(a => a.RatePerDay).ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AllowanceView(a.Id, a.Name, a.RatePerDay, a.IsActive, a.Version)).ToList();
    }

    public async Task<Result<AllowanceView>> SaveAsync(int? id, AllowanceRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        PerDiemAllowance? allowance = null;
        if (id is { } existing && (allowance = await db.PerDiemAllowances.FirstOrDefaultAsync(a => a.Id == existing, ct)) is null)
        {
            return Refusal.NotFound("Allowance");
        }

        var name = r.Name?.Trim() ?? "";
        if (name.Length > 0 && await db.PerDiemAllowances.AnyAsync(a => a.Name == name && a.Id != (id ?? 0), ct))
        {
            return Refusal.Duplicate("name", $"The allowance table already has a row named {name}.");
        }

        if (allowance is null)
        {
            var created = PerDiemAllowance.Create(r.Name, r.RatePerDay);
            if (created.Refusal is { } refused)
            {
                return refused;
            }

            allowance = created.Value!;
            db.PerDiemAllowances.Add(allowance);
        }
        else
        {
            db.Entry(allowance).Property(a => a.Version).OriginalValue = r.Version;
            if (allowance.Change(r.Name, r.RatePerDay, r.IsActive) is { } refused)
            {
                return refused;
            }
        }

        return await db.TrySaveAsync(user, ct)
            ? new AllowanceView(allowance.Id, allowance.Name, allowance.RatePerDay, allowance.IsActive, allowance.Version)
            : Refusal.StaleVersion();
    }
}
