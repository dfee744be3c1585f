using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>A team's monthly pool (seed F): its installations and repairs priced, shared among the team's scored sheets.</summary>
public sealed record TeamPoolRequest(int? OrgUnitId, int? Installations, decimal? InstallationUnitPrice, int? Repairs, decimal? RepairUnitPrice, string? Method);

public sealed record TeamPoolShareView(int PersonId, string PersonName, string EmployeeNumber, decimal Score, decimal Amount);

public sealed record TeamPoolView(string UnitName, MoneyResult Pool, IReadOnlyList<TeamPoolShareView> Shares, decimal Undistributed, string Arithmetic);

/// <summary>
/// The team bonus pool of seed F (R-ASM-8): pool = installations × unit price + repairs × unit price, shared among the
/// people of the team assessed in the period by their totals (probation staff have no sheet, so no share). A calculation
/// to pay out from; it is not stored.
/// </summary>
public sealed class TeamPoolHandlers(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<Result<TeamPoolView>> SplitAsync(int periodId, TeamPoolRequest r, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        if (r.OrgUnitId is null)
        {
            errors.Add("orgUnitId", "required", "Choose the team.");
        }

        foreach (var (field, value) in new[] { ("installations", (decimal?)r.Installations), ("installationUnitPrice", r.InstallationUnitPrice), ("repairs", r.Repairs), ("repairUnitPrice", r.RepairUnitPrice) })
        {
            if (value is null)
            {
                errors.Add(field, "required", $"{field} is required (0 when none).");
            }
        }

        var method = PoolSplitMethod.ProportionalToScore;
        if (r.Method is not null && (!Enum.TryParse(r.Method, ignoreCase: true, out method) || !Enum.IsDefined(method)))
        {
            errors.Add("method", "invalid", $"method must be one of {string.Join(", ", Enum.GetNames<PoolSplitMethod>())}.");
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var pool = AssessmentBonus.Pool(new TeamBonusPool(r.Installations!.Value, r.InstallationUnitPrice!.Value, r.Repairs!.Value, r.RepairUnitPrice!.Value));
        if (!pool.Succeeded)
        {
            return pool.Refusal!;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var period = await db.AssessmentPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Id == periodId, ct);
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == r.OrgUnitId, ct);
        if (period is null)
        {
            return Refusal.NotFound("Period");
        }

        if (unit is null)
        {
            return Refusal.Invalid("orgUnitId", "not_found", "No such team.");
        }

        var rows = (await PeriodHandlers.RowsAsync(db, period, ct)).Where(x => x.UnitId == unit.Id).Select(x => x.Row).Where(x => x.FinalTotal is not null).ToList();
        var split = AssessmentBonus.Split(pool.Value!.Amount, rows.Select(x => (x.PersonId, Math.Max(0m, x.FinalTotal!.Value))).ToList(), method);
        if (!split.Succeeded)
        {
            return split.Refusal!;
        }

        var byId = rows.ToDictionary(x => x.PersonId);
        return new TeamPoolView(unit.Name, pool.Value!, split.Value!.Shares.Select(s => new TeamPoolShareView(s.PersonId, byId[s.PersonId].PersonName,
            byId[s.PersonId].EmployeeNumber, s.Score, s.Amount)).ToList(), split.Value.Undistributed, split.Value.Arithmetic);
    }
}
