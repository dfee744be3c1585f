using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Assessment.Plans;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Assessment;

public sealed record PlanSummary(int Id, string Code, int PlanVersion, string Name, string PeriodKind, IReadOnlyList<string> PositionCodes,
    PlanStatus Status, DateTime CreatedAtUtc, string CreatedBy, DateTime? PublishedAtUtc, int Version);

/// <summary>A stored plan version with its parsed content and, for a draft, what still keeps it from being published.</summary>
public sealed record PlanDetail(PlanSummary Summary, AssessmentPlan Plan, string Json, IReadOnlyList<FieldError> Problems);

/// <summary>A plan document as JSON (the format of docs/assessment-plans.md) and, when replacing a draft, its version.</summary>
public sealed record PlanDocumentRequest(string? Json, int Version = 0);

public sealed record PublishPlanRequest(int Version);

/// <summary>
/// Assessment plans as versioned data (R-ASM-1): import a JSON document as a new draft version, correct the draft,
/// publish it once it adds up. Published versions never change, so every period keeps the plan it was scored with.
/// </summary>
public sealed class PlanHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    /// <summary>A plan document larger than this is refused: the largest seed plan is about 10 kB.</summary>
    public const int MaxJsonLength = 512 * 1024;

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var plans = await db.AssessmentPlans.AsNoTracking().OrderBy(p => p.Code).ThenByDescending(p => p.PlanVersion).ToListAsync(ct);
        return plans.Select(Summary).ToList();
    }

    public async Task<PlanDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.AssessmentPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (stored is null)
        {
            return null;
        }

        var plan = AssessmentPlanJson.Deserialize(stored.Json).Value!;
        return new PlanDetail(Summary(stored), plan, stored.Json, AssessmentPlanValidator.Check(plan).All);
    }

    /// <summary>A JSON document becomes a new draft version of its plan code (version = newest + 1).</summary>
    public async Task<Result<PlanDetail>> ImportAsync(PlanDocumentRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var parsed = Parse(r.Json);
        if (!parsed.Succeeded)
        {
            return parsed.Refusal!;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var plan = parsed.Value!;
        var newest = await db.AssessmentPlans.Where(p => p.Code == plan.Code).MaxAsync(p => (int?)p.PlanVersion, ct) ?? 0;
        plan = plan with { Version = newest + 1 };
        var stored = StoredAssessmentPlan.Draft(plan.Code, plan.Version, plan.Name, plan.PeriodKind.ToString(), plan.PositionCodes,
            AssessmentPlanJson.Serialize(plan), time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "");
        db.AssessmentPlans.Add(stored);
        if (!await db.TrySaveAsync(user, ct, "plan imported"))
        {
            return Refusal.Conflict("plan_version_taken", "Another version of this plan was saved at the same time; import it again.");
        }

        return (await GetAsync(stored.Id, ct))!;
    }

    /// <summary>Replaces a draft's content (the plan editor's save). The code stays; the version number stays.</summary>
    public async Task<Result<PlanDetail>> ReplaceDraftAsync(int id, PlanDocumentRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var parsed = Parse(r.Json);
        if (!parsed.Succeeded)
        {
            return parsed.Refusal!;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await ForChangeAsync(db, id, r.Version, ct);
        if (!found.Succeeded)
        {
            return found.Refusal!;
        }

        var stored = found.Value!;
        if (parsed.Value!.Code != stored.Code)
        {
            return Refusal.Invalid("code", "code_changed", $"The plan code is {stored.Code}; a different code is a different plan — import it instead.");
        }

        var plan = parsed.Value! with { Version = stored.PlanVersion };
        if (stored.Replace(plan.Name, plan.PeriodKind.ToString(), plan.PositionCodes, AssessmentPlanJson.Serialize(plan)) is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct, "plan draft edited") ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    /// <summary>Publishing checks the plan again: a plan that does not add up is refused with every reason (R-ASM-1).</summary>
    public async Task<Result<PlanDetail>> PublishAsync(int id, PublishPlanRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await ForChangeAsync(db, id, r.Version, ct);
        if (!found.Succeeded)
        {
            return found.Refusal!;
        }

        var stored = found.Value!;
        var problems = AssessmentPlanValidator.Check(AssessmentPlanJson.Deserialize(stored.Json).Value!);
        if (problems.Any)
        {
            return problems.ToRefusal();
        }

        if (stored.Publish(time.GetUtcNow().UtcDateTime, user.Identity?.Name ?? "") is { } refused)
        {
            return refused;
        }

        return await db.TrySaveAsync(user, ct, "plan published") ? (await GetAsync(id, ct))! : Refusal.StaleVersion();
    }

    /// <summary>The stored version to change, if it exists and the client saw its latest version.</summary>
    private static async Task<Result<StoredAssessmentPlan>> ForChangeAsync(AppDbContext db, int id, int version, CancellationToken ct)
    {
        var stored = await db.AssessmentPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (stored is null)
        {
            return Refusal.NotFound("Plan");
        }

        return stored.Version == version ? stored : Refusal.StaleVersion();
    }

    /// <summary>Drafts may be saved while they do not add up yet (the editor lists the problems); unreadable JSON may not.</summary>
    private static Result<AssessmentPlan> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Refusal.Invalid("json", "required", "The plan document is required.");
        }

        if (json.Length > MaxJsonLength)
        {
            return Refusal.Invalid("json", "too_long", $"A plan document is at most {MaxJsonLength / 1024} kB.");
        }

        var read = AssessmentPlanJson.Deserialize(json);
        if (!read.Succeeded)
        {
            return read;
        }

        // A draft may still not add up, but what identifies it must fit where it is stored (code, name, positions).
        var plan = read.Value!;
        var errors = new FieldErrors();
        errors.MaxLength("code", plan.Code, AssessmentPlanValidator.CodeMaxLength);
        errors.MaxLength("name", plan.Name, StoredAssessmentPlan.NameMaxLength);
        if (string.Join(',', plan.PositionCodes ?? []).Length > StoredAssessmentPlan.PositionCodesMaxLength)
        {
            errors.Add("positionCodes", "too_long", $"The position codes take at most {StoredAssessmentPlan.PositionCodesMaxLength} characters together.");
        }

        return errors.Any ? errors.ToRefusal() : read;
    }

    internal static PlanSummary Summary(StoredAssessmentPlan p) =>
        new(p.Id, p.Code, p.PlanVersion, p.Name, p.PeriodKind, p.Positions, p.Status, p.CreatedAtUtc, p.CreatedBy, p.PublishedAtUtc, p.Version);
}
