using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Organisation;

public sealed record OrgUnitRequest(string? Kind, string? Code, string? Name, int? ParentId, string? Address, bool IsActive = true, int Version = 0);

public sealed record OrgUnitView(int Id, OrgUnitKind Kind, string Code, string Name, int? ParentId, string? ParentName, string? Address, bool IsActive, int PeopleCount, int Version);

public sealed record PositionRequest(string? Code, string? Name, string? Role, bool IsManagerial, bool IsActive = true, int Version = 0, decimal? StandardAnnualBonus = null);

public sealed record PositionView(int Id, string Code, string Name, string Role, bool IsManagerial, bool IsActive, int PeopleCount, int Version,
    decimal? StandardAnnualBonus = null);

/// <summary>Use cases for departments, teams, service stations (R-ORG-1) and positions (R-ORG-2).</summary>
public sealed class UnitsAndPositionsHandlers(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<OrgUnitView>> ListUnitsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (
            from u in db.OrgUnits.AsNoTracking()
            join parent in db.OrgUnits on u.ParentId equals parent.Id into parents
            from parent in parents.DefaultIfEmpty()
            orderby u.Kind, u.Code
            select new OrgUnitView(u.Id, u.Kind, u.Code, u.Name, u.ParentId, parent != null ? parent.Name : null, u.Address, u.IsActive,
                db.People.Count(p => p.OrgUnitId == u.Id && p.IsActive), u.Version)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<PositionView>> ListPositionsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Positions.AsNoTracking().OrderBy(p => p.Code)
            .Select(p => new PositionView(p.Id, p.Code, p.Name, p.Role, p.IsManagerial, p.IsActive,
                db.People.Count(x => x.PositionId == p.Id && x.IsActive), p.Version, p.StandardAnnualBonus))
            .ToListAsync(ct);
    }

    public Task<Result<OrgUnitView>> CreateUnitAsync(OrgUnitRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        SaveUnitAsync(null, r, user, ct);

    public Task<Result<OrgUnitView>> UpdateUnitAsync(int id, OrgUnitRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        SaveUnitAsync(id, r, user, ct);

    public Task<Result<PositionView>> CreatePositionAsync(PositionRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        SavePositionAsync(null, r, user, ct);

    public Task<Result<PositionView>> UpdatePositionAsync(int id, PositionRequest r, ClaimsPrincipal user, CancellationToken ct = default) =>
        SavePositionAsync(id, r, user, ct);

    private async Task<Result<OrgUnitView>> SaveUnitAsync(int? id, OrgUnitRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var kind = Enum.TryParse<OrgUnitKind>(r.Kind, ignoreCase: true, out var k) && !int.TryParse(r.Kind, out _) ? k : (OrgUnitKind?)null;
        var errors = OrgRules.CheckUnit(kind ?? OrgUnitKind.Department, r.Code, r.Name, r.ParentId, r.Address);
        if (kind is null)
        {
            errors.Add("kind", "unknown", $"kind must be one of: {string.Join(", ", Enum.GetNames<OrgUnitKind>())}.");
        }

        if (r.ParentId is { } parentId && (parentId == id || !await db.OrgUnits.AnyAsync(u => u.Id == parentId && u.Kind == OrgUnitKind.Department, ct)))
        {
            errors.Add("parentId", "unknown", "parentId must name another department.");
        }

        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.OrgUnits.AnyAsync(u => u.Code == code && u.Id != id, ct)
            ? Refusal.Duplicate("code", $"Code {code} is already in use.")
            : null;

        OrgUnit? unit = null;
        if (id is { } existingId)
        {
            unit = await db.OrgUnits.FirstOrDefaultAsync(u => u.Id == existingId, ct);
            if (unit is null)
            {
                return Refusal.NotFound("Unit");
            }

            if (!r.IsActive && unit.IsActive && await db.People.AnyAsync(p => p.OrgUnitId == existingId && p.IsActive, ct))
            {
                errors.Add("isActive", "in_use", "The unit still has active people; move them first.");
            }
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (unit is null)
        {
            unit = OrgUnit.Create(kind!.Value, r.Code!, r.Name!, r.ParentId, r.Address);
            db.OrgUnits.Add(unit);
        }
        else
        {
            db.Entry(unit).Property(u => u.Version).OriginalValue = r.Version;
            unit.Update(r.Code!, r.Name!, r.ParentId, r.Address, r.IsActive);
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await ListUnitsAsync(ct)).Single(u => u.Id == unit.Id);
    }

    private async Task<Result<PositionView>> SavePositionAsync(int? id, PositionRequest r, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var errors = OrgRules.CheckPosition(r.Code, r.Name, r.Role);
        var code = r.Code?.Trim() ?? "";
        var duplicate = code.Length > 0 && await db.Positions.AnyAsync(p => p.Code == code && p.Id != id, ct)
            ? Refusal.Duplicate("code", $"Code {code} is already in use.")
            : null;

        Position? position = null;
        if (id is { } existingId)
        {
            position = await db.Positions.FirstOrDefaultAsync(p => p.Id == existingId, ct);
            if (position is null)
            {
                return Refusal.NotFound("Position");
            }

            if (!r.IsActive && position.IsActive && await db.People.AnyAsync(p => p.PositionId == existingId && p.IsActive, ct))
            {
                errors.Add("isActive", "in_use", "The position still has active holders; move them first.");
            }
        }

        if (r.StandardAnnualBonus is { } bonus)
        {
            Amounts.CheckMoney(errors, "standardAnnualBonus", bonus);
        }

        if (errors.Refuse(duplicate) is { } refused)
        {
            return refused;
        }

        if (position is null)
        {
            position = Position.Create(r.Code!, r.Name!, r.Role!, r.IsManagerial);
            position.SetStandardAnnualBonus(r.StandardAnnualBonus);
            db.Positions.Add(position);
        }
        else
        {
            db.Entry(position).Property(p => p.Version).OriginalValue = r.Version;
            var roleChanged = position.Role != r.Role;
            position.Update(r.Code!, r.Name!, r.Role!, r.IsManagerial, r.IsActive);
            position.SetStandardAnnualBonus(r.StandardAnnualBonus);
            if (roleChanged)
            {
                await RefreshHoldersSignInAsync(db, position.Id, ct);
            }
        }

        if (!await db.TrySaveAsync(user, ct))
        {
            return Refusal.StaleVersion();
        }

        return (await ListPositionsAsync(ct)).Single(p => p.Id == position.Id);
    }

    private static async Task RefreshHoldersSignInAsync(AppDbContext db, int positionId, CancellationToken ct)
    {
        var holderIds = db.People.Where(p => p.PositionId == positionId).Select(p => (int?)p.Id);
        foreach (var account in await db.Users.Where(u => holderIds.Contains(u.PersonId)).ToListAsync(ct))
        {
            account.SecurityStamp = Guid.NewGuid().ToString("N");
        }
    }
}
