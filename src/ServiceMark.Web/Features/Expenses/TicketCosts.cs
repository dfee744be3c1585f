using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Expenses;
using ServiceMark.Domain.Parts;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Data;
using ServiceMark.Web.Features.Grading;
using ServiceMark.Web.Infrastructure;

namespace ServiceMark.Web.Features.Expenses;

public sealed record LabourRateRequest(string? SchemeCode, string? LevelCode, decimal RatePerHour, int Version = 0);

/// <summary>A grade of a scheme (or the default, with empty codes) and its labour rate, null when none is set.</summary>
public sealed record LabourRateView(string SchemeCode, string SchemeName, string LevelCode, string LevelName, decimal? RatePerHour, int Version);

public sealed record LabourLine(int EngineerId, string EngineerName, string? Grade, int Minutes, decimal? RatePerHour, decimal Amount);

public sealed record TravelLine(int ClaimId, ExpenseCategory Category, DateOnly Date, decimal Amount, ExpenseClaimStatus Status);

/// <summary>A ticket's cost and where each part comes from; <see cref="MissingRates"/> names engineers whose grade has no rate;
/// <see cref="Standard"/> is the standard cost of its job type (null when none is set); <see cref="Overrun"/> how far the total
/// went above it, null when it did not.</summary>
public sealed record TicketCostView(int TicketId, decimal Labour, decimal Parts, decimal Travel, decimal Compensation, decimal Total,
    IReadOnlyList<LabourLine> LabourLines, IReadOnlyList<TravelLine> TravelLines, IReadOnlyList<string> MissingRates, FaultCategory JobType = default,
    decimal? Standard = null, decimal? Overrun = null);

/// <summary>
/// 工时费率 and 单台次服务成本 (issue 14 point 3). HR keeps a labour rate per grade (and a default for people without one);
/// a ticket's cost is read from its records: the engineers' minutes on site at the rate of the grade they held on the day it
/// was resolved, the parts written off to it in the ledger, the lines of approved or paid claims charged to it, and the
/// compensation on its report.
/// </summary>
public sealed class TicketCosts(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public async Task<IReadOnlyList<LabourRateView>> ListRatesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rates = await db.LabourRates.AsNoTracking().ToListAsync(ct);
        var schemes = await db.GradeSchemes.AsNoTracking().ToListAsync(ct);
        var rows = new List<LabourRateView>();
        var fallback = rates.FirstOrDefault(r => r.IsDefault);
        rows.Add(new LabourRateView("", "", "", "", fallback?.RatePerHour, fallback?.Version ?? 0));
        foreach (var scheme in schemes.OrderBy(s => s.Code, StringComparer.Ordinal))
        {
            var document = scheme.Document;
            foreach (var level in document.Levels ?? [])
            {
                var rate = rates.FirstOrDefault(r => r.SchemeCode == scheme.Code && r.LevelCode == level.Code);
                rows.Add(new LabourRateView(scheme.Code, document.Name ?? scheme.Code, level.Code ?? "", level.NameZh ?? level.Code ?? "", rate?.RatePerHour, rate?.Version ?? 0));
            }
        }

        return rows;
    }

    /// <summary>Sets one grade's rate (or the default); a new row when none was set, else a change under its version.</summary>
    public async Task<Result<LabourRateView>> SaveRateAsync(LabourRateRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scheme = r.SchemeCode?.Trim() ?? "";
        var level = r.LevelCode?.Trim() ?? "";
        if (scheme.Length > 0 && !(await ListRatesAsync(ct)).Any(x => x.SchemeCode == scheme && x.LevelCode == level))
        {
            return Refusal.Invalid("levelCode", "unknown", "schemeCode and levelCode do not name a grade of a scheme.");
        }

        var existing = await db.LabourRates.FirstOrDefaultAsync(x => x.SchemeCode == scheme && x.LevelCode == level, ct);
        if (await KeyedSettings.SaveAsync(db, existing, () => LabourRate.Create(scheme, level, r.RatePerHour), x => x.Change(r.RatePerHour), r.Version, user, ct)
            is { } refused)
        {
            return refused;
        }

        return (await ListRatesAsync(ct)).Single(x => x.SchemeCode == scheme && x.LevelCode == level);
    }

    public async Task<TicketCostView?> ForTicketAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ticket = await db.Tickets.AsNoTracking().Include(t => t.Assignments).Include(t => t.Reports).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null)
        {
            return null;
        }

        // Labour: each engineer's minutes on site at the rate of the grade held on the day the work ended.
        var engineerIds = ticket.Assignments.Select(a => a.EngineerId).Distinct().ToList();
        var names = await db.People.Where(p => engineerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var day = DateOnly.FromDateTime(clock.ToLocal(ticket.ResolvedAtUtc ?? clock.UtcNow));
        var grades = (await db.PersonGrades.AsNoTracking().Where(g => engineerIds.Contains(g.PersonId) && g.EffectiveFrom <= day).ToListAsync(ct))
            .GroupBy(g => g.PersonId).ToDictionary(g => g.Key, g => g.MaxBy(x => x.EffectiveFrom)!);
        var rates = (await ListRatesAsync(ct)).Where(r => r.RatePerHour is not null).ToList();
        var minutes = TicketCost.MinutesOnSite(ticket.ArrivedAtUtc, ticket.ResolvedAtUtc);
        var labourLines = new List<LabourLine>();
        var missing = new List<string>();
        foreach (var engineer in engineerIds)
        {
            var grade = grades.GetValueOrDefault(engineer);
            var rate = (grade is null ? null : rates.FirstOrDefault(r => r.SchemeCode == grade.SchemeCode && r.LevelCode == grade.LevelCode))
                       ?? rates.FirstOrDefault(r => r.SchemeCode.Length == 0);
            var name = names.GetValueOrDefault(engineer) ?? "";
            if (rate is null && minutes > 0)
            {
                missing.Add(name);
            }

            labourLines.Add(new LabourLine(engineer, name, grade is null ? null : rate?.LevelName ?? grade.LevelCode, minutes, rate?.RatePerHour,
                TicketCost.LabourOf([(minutes, rate?.RatePerHour ?? 0m)])));
        }

        var labour = TicketCost.LabourOf(labourLines.Select(l => (l.Minutes, l.RatePerHour ?? 0m)));

        // Parts: what the ledger wrote off to the customer's vehicle for this ticket, at the prices of the day it was posted.
        var partsFen = await db.LedgerEntries.Where(e => e.DocumentType == nameof(ServiceTicket) && e.DocumentId == ticketId && e.Kind == MovementKind.Consumption)
            .SumAsync(e => e.ValueFen ?? 0L, ct);

        // Travel and other expenses: lines charged to it on claims approved or paid.
        var claims = await db.ExpenseClaims.AsNoTracking()
            .Where(c => (c.Status == ExpenseClaimStatus.Approved || c.Status == ExpenseClaimStatus.Paid) && c.Lines.Any(l => l.TicketId == ticketId))
            .ToListAsync(ct);
        var travelLines = claims.SelectMany(c => c.Lines.Where(l => l.TicketId == ticketId).Select(l => new TravelLine(c.Id, l.Category, l.Date, l.Amount, c.Status)))
            .OrderBy(l => l.Date).ToList();
        var cost = new TicketCost(labour, partsFen / 100m, travelLines.Sum(l => l.Amount), ticket.Report?.CompensationAmount ?? 0m);
        var standard = await StandardCosts.OfAsync(db, ticket.FaultCategory, ct);
        return new TicketCostView(ticketId, cost.Labour, cost.Parts, cost.Travel, cost.Compensation, cost.Total, labourLines, travelLines, missing,
            ticket.FaultCategory, standard, StandardCost.IsOverrun(cost.Total, standard) ? cost.Total - standard : null);
    }
}
