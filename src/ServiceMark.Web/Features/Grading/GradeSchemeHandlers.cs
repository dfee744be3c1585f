using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;

namespace ServiceMark.Web.Features.Grading;

/// <summary>A scheme configuration to save: the document plus the version it was read at (a stale version is 409).</summary>
public sealed class GradeSchemeRequest : GradeSchemeDocument
{
    public int Version { get; set; }
}

/// <summary>
/// HR records a person's grade directly (source <see cref="GradeChangeSource.Recorded"/>): the grade held when ServiceMark
/// started, a correction, or a move onto another scheme (e.g. onto the points-based one) — <paramref name="SchemeCode"/> and
/// <paramref name="LevelCode"/> in it, from <paramref name="EffectiveFrom"/>, with a reason and the <paramref name="Evidence"/> it
/// rests on (the certificate, roster or decision a reader can check): a grade sets pay, so it never rests on someone's word alone.
/// </summary>
public sealed record RecordGradeRequest(string? SchemeCode, string? LevelCode, DateOnly? EffectiveFrom, string? Reason, string? Evidence = null);

/// <summary>
/// A stored scheme: <paramref name="LevelsInUse"/> are the grade codes a person's grade, an application, a demotion case or a pay
/// table uses — they cannot be removed or renamed.
/// </summary>
public sealed record GradeSchemeView(
    string Code, string Name, GradeSchemeKind Kind, bool IsDefault, GradeSchemeDocument Document, IReadOnlyList<string> LevelsInUse,
    int Version, DateTime UpdatedAtUtc, string UpdatedBy);

/// <summary>
/// Grade schemes as configurable data (R-GRD-1, R-GRD-3, R-GRD-4, R-GRD-5, R-GRD-7): list, read, and replace a scheme's
/// configuration — checked as a whole by <see cref="GradeSchemeConfiguration.Check"/>, every problem named by its field path,
/// plus <c>levels</c> <see cref="InUse"/> for a grade code that is in use and missing from the new levels. A PUT of an unknown
/// code creates the scheme.
/// </summary>
public sealed class GradeSchemeHandlers(IDbContextFactory<AppDbContext> contexts, CompanyClock clock)
{
    public const string InUse = "in_use";

    /// <summary>The evidence of a directly recorded grade; it is kept in the grade row's reason, which holds <see cref="PersonGrade.ReasonMaxLength"/>.</summary>
    public const int EvidenceMaxLength = 500;

    public async Task<IReadOnlyList<GradeSchemeView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.GradeSchemes.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        var views = new List<GradeSchemeView>();
        foreach (var s in stored)
        {
            views.Add(View(s, await LevelsInUseAsync(db, s.Code, ct)));
        }

        return views;
    }

    public async Task<Result<GradeSchemeView>> GetAsync(string code, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var s = await db.GradeSchemes.AsNoTracking().FirstOrDefaultAsync(x => x.Code == code, ct);
        return s is null ? Refusal.NotFound("Grade scheme") : View(s, await LevelsInUseAsync(db, s.Code, ct));
    }

    public async Task<Result<GradeSchemeView>> PutAsync(string code, GradeSchemeRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(r);
        code = code.Trim();
        if (r.EmptyEntries() is { Any: true } empty)
        {
            return empty.ToRefusal();
        }

        var config = r.ToDomain(code);
        var errors = config.Check();
        if (!string.IsNullOrEmpty(code) && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add("code", "format", "code may contain only letters, digits, '-' and '_'.");
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.GradeSchemes.FirstOrDefaultAsync(s => s.Code == code, ct);
        if (stored is not null)
        {
            var kept = config.Scheme.Levels.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
            var uses = await UsesAsync(db, code, ct);
            var order = stored.ToDomain().Scheme;
            foreach (var (level, where) in uses.Where(u => !kept.Contains(u.Key)).OrderBy(u => order.IndexOf(u.Key)))
            {
                errors.Add("levels", InUse,
                    $"等级代码 {level} 正在使用中({string.Join("、", where)}),不能删除或改名。 The grade code {level} is in use ({string.Join(", ", where)}): it cannot be removed or renamed.");
            }
        }

        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var now = clock.UtcNow;
        var by = user.Identity?.Name ?? "";
        if (stored is null)
        {
            stored = StoredGradeScheme.Create(config, isDefault: false, now, by);
            db.GradeSchemes.Add(stored);
        }
        else
        {
            if (stored.Version != r.Version)
            {
                return Refusal.StaleVersion();
            }

            stored.Update(config, now, by);
        }

        if (!await db.TrySaveAsync(user, ct, $"grade scheme {code} configured"))
        {
            return Refusal.StaleVersion();
        }

        return View(stored, await LevelsInUseAsync(db, code, ct));
    }

    /// <summary>Records a grade row (R-GRD-1); one change per person and date (a second on the same date is 409).</summary>
    public async Task<Result<GradeHistoryRow>> RecordGradeAsync(int personId, RecordGradeRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var hired = await db.People.Where(p => p.Id == personId).Select(p => (DateOnly?)p.HireDate).FirstOrDefaultAsync(ct);
        if (hired is null)
        {
            return Refusal.NotFound("Person");
        }

        if (user.RefuseSelf(personId, "recording a grade") is { } self)
        {
            return self;
        }

        var catalog = await SchemeCatalog.LoadAsync(db, ct);
        var errors = new FieldErrors();
        var scheme = catalog.All.FirstOrDefault(c => c.Code == r.SchemeCode?.Trim());
        if (scheme is null)
        {
            errors.Add("schemeCode", string.IsNullOrWhiteSpace(r.SchemeCode) ? "required" : "unknown", "schemeCode must be a stored grade scheme.");
        }
        else if (scheme.Scheme.Find(r.LevelCode?.Trim() ?? "") is null)
        {
            errors.Add("levelCode", string.IsNullOrWhiteSpace(r.LevelCode) ? "required" : "unknown", $"levelCode must be a grade of {scheme.Code}.");
        }

        if (r.EffectiveFrom is null)
        {
            errors.Add("effectiveFrom", "required", "effectiveFrom is required.");
        }
        else if (r.EffectiveFrom < hired)
        {
            errors.Add("effectiveFrom", "before_hire", $"effectiveFrom must not be before the hire date {hired:yyyy-MM-dd}.");
        }

        errors.RequiredText("reason", r.Reason, PersonGrade.ReasonMaxLength - EvidenceMaxLength - 20);
        errors.RequiredText("evidence", r.Evidence, EvidenceMaxLength);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        if (await db.PersonGrades.AnyAsync(g => g.PersonId == personId && g.EffectiveFrom == r.EffectiveFrom, ct))
        {
            return Refusal.Conflict(GradeApplicationHandlers.GradeChangeOnDate, $"A grade change already takes effect on {r.EffectiveFrom:yyyy-MM-dd}.");
        }

        // The evidence is part of the grade row (shown in the history) and of the audit row, which also names who recorded it.
        var reason = $"{r.Reason!.Trim()} — 依据 evidence: {r.Evidence!.Trim()}";
        var row = PersonGrade.Create(personId, scheme!.Code, r.LevelCode!.Trim(), r.EffectiveFrom!.Value, reason, GradeChangeSource.Recorded, null,
            clock.UtcNow, user.Identity?.Name ?? "");
        db.PersonGrades.Add(row);
        if (!await db.TrySaveAsync(user, ct, $"grade {row.SchemeCode}/{row.LevelCode} recorded for person {personId} from {row.EffectiveFrom:yyyy-MM-dd}: {reason}"))
        {
            return Refusal.StaleVersion();
        }

        return new GradeHistoryRow(row.EffectiveFrom, catalog.Level(row.SchemeCode, row.LevelCode)!, row.Reason, row.Source, row.SourceId);
    }

    /// <summary>The four example schemes (<see cref="GradeSchemeConfiguration.Examples"/>) at first start, the default one for first gradings.</summary>
    public static async Task SeedAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.GradeSchemes.AnyAsync(ct))
        {
            return;
        }

        db.Actor = Actor.System;
        db.ChangeReason = "example grade schemes (seed 002)";
        foreach (var c in GradeSchemeConfiguration.Examples)
        {
            db.GradeSchemes.Add(StoredGradeScheme.Create(c, c.Code == GradeScheme.Default.Code, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "system"));
        }

        await db.SaveChangesAsync(ct);
    }

    private static GradeSchemeView View(StoredGradeScheme s, IReadOnlyList<string> inUse)
    {
        var document = s.Document;
        return new GradeSchemeView(s.Code, s.Name, document.Kind, s.IsDefault, document, inUse, s.Version, s.UpdatedAtUtc, s.UpdatedBy);
    }

    private static async Task<IReadOnlyList<string>> LevelsInUseAsync(AppDbContext db, string code, CancellationToken ct) =>
        (await UsesAsync(db, code, ct)).Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>Every grade code of the scheme in use, with where: grades held, applications, demotion cases, pay tables.</summary>
    private static async Task<Dictionary<string, List<string>>> UsesAsync(AppDbContext db, string code, CancellationToken ct)
    {
        var uses = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string? level, string where)
        {
            if (string.IsNullOrEmpty(level))
            {
                return;
            }

            if (!uses.TryGetValue(level, out var list))
            {
                uses[level] = list = [];
            }

            if (!list.Contains(where))
            {
                list.Add(where);
            }
        }

        foreach (var g in await db.PersonGrades.AsNoTracking().Where(g => g.SchemeCode == code).Select(g => g.LevelCode).Distinct().ToListAsync(ct))
        {
            Add(g, "grades 人员等级");
        }

        foreach (var a in await db.GradeApplications.AsNoTracking().Where(a => a.SchemeCode == code).Select(a => new { a.FromLevelCode, a.ToLevelCode }).ToListAsync(ct))
        {
            Add(a.FromLevelCode, "applications 评定申请");
            Add(a.ToLevelCode, "applications 评定申请");
        }

        foreach (var d in await db.GradeDemotions.AsNoTracking().Where(d => d.SchemeCode == code).Select(d => new { d.FromLevelCode, d.ToLevelCode }).ToListAsync(ct))
        {
            Add(d.FromLevelCode, "demotions 降级");
            Add(d.ToLevelCode, "demotions 降级");
        }

        foreach (var t in await db.GradePayTables.AsNoTracking().Where(t => t.SchemeCode == code).ToListAsync(ct))
        {
            foreach (var row in t.ToDomain().Rows)
            {
                Add(row.LevelCode, "pay tables 工资标准");
            }
        }

        return uses;
    }
}
