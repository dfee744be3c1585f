using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.DepartmentPolicies;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Auth;
using ServiceMark.Web.Infrastructure.Errors;

namespace ServiceMark.Web.Features.DepartmentPolicies;

/// <summary>
/// One version of the department policy (考核与服务参数): a row per save, never updated, so what the numbers were and who set
/// them when stays readable beside the audit log (docs/decisions/0009-department-policy.md). The highest
/// <see cref="Version"/> is the one in force; no row means the defaults, version 0.
/// </summary>
public sealed class DepartmentPolicyVersion : IAudited
{
    public const int ChangedByMaxLength = 256;

    public int Id { get; private set; }

    /// <summary>1, 2, 3 …: unique, so two editors who both read version n cannot both store n + 1 (the second gets 409).</summary>
    public int Version { get; private set; }

    public string ChangedBy { get; private set; } = "";

    public DateTime ChangedAtUtc { get; private set; }

    public decimal QuarterlyBonusPercent { get; private set; }

    public decimal YearEndBonusPercent { get; private set; }

    public decimal ExcellentBonusRatio { get; private set; }

    public decimal GoodBonusRatio { get; private set; }

    public decimal PassBonusRatio { get; private set; }

    public decimal FailBonusRatio { get; private set; }

    public decimal ExcellentMinScore { get; private set; }

    public decimal GoodMinScore { get; private set; }

    public decimal PassMinScore { get; private set; }

    public decimal FivePointAMinScore { get; private set; }

    public decimal FivePointBMinScore { get; private set; }

    public decimal FivePointCMinScore { get; private set; }

    public decimal TimelinessRatePercentMin { get; private set; }

    public decimal SatisfactionRatePercentMin { get; private set; }

    public decimal ServiceComplaintRatePercentBelow { get; private set; }

    public decimal ComplaintEngineerSatisfactionPercentMin { get; private set; }

    public decimal ComplaintEngineerResponseHoursMax { get; private set; }

    public decimal ComplaintEngineerResolutionHoursMax { get; private set; }

    public decimal ComplaintEngineerComplaintRatePercentMax { get; private set; }

    public int ReportDeadlineHours { get; private set; }

    public int ComplaintDeadlineDays { get; private set; }

    public int OldPartReturnDays { get; private set; }

    private DepartmentPolicyVersion()
    {
    }

    public static DepartmentPolicyVersion Of(DepartmentPolicy p, int version, string changedBy, DateTime changedAtUtc) => new()
    {
        Version = version,
        ChangedBy = changedBy.Length > ChangedByMaxLength ? changedBy[..ChangedByMaxLength] : changedBy,
        ChangedAtUtc = changedAtUtc,
        QuarterlyBonusPercent = p.QuarterlyBonusPercent,
        YearEndBonusPercent = p.YearEndBonusPercent,
        ExcellentBonusRatio = p.ExcellentBonusRatio,
        GoodBonusRatio = p.GoodBonusRatio,
        PassBonusRatio = p.PassBonusRatio,
        FailBonusRatio = p.FailBonusRatio,
        ExcellentMinScore = p.ExcellentMinScore,
        GoodMinScore = p.GoodMinScore,
        PassMinScore = p.PassMinScore,
        FivePointAMinScore = p.FivePointAMinScore,
        FivePointBMinScore = p.FivePointBMinScore,
        FivePointCMinScore = p.FivePointCMinScore,
        TimelinessRatePercentMin = p.TimelinessRatePercentMin,
        SatisfactionRatePercentMin = p.SatisfactionRatePercentMin,
        ServiceComplaintRatePercentBelow = p.ServiceComplaintRatePercentBelow,
        ComplaintEngineerSatisfactionPercentMin = p.ComplaintEngineerSatisfactionPercentMin,
        ComplaintEngineerResponseHoursMax = p.ComplaintEngineerResponseHoursMax,
        ComplaintEngineerResolutionHoursMax = p.ComplaintEngineerResolutionHoursMax,
        ComplaintEngineerComplaintRatePercentMax = p.ComplaintEngineerComplaintRatePercentMax,
        ReportDeadlineHours = p.ReportDeadlineHours,
        ComplaintDeadlineDays = p.ComplaintDeadlineDays,
        OldPartReturnDays = p.OldPartReturnDays,
    };

    public DepartmentPolicy ToPolicy() => new()
    {
        QuarterlyBonusPercent = QuarterlyBonusPercent,
        YearEndBonusPercent = YearEndBonusPercent,
        ExcellentBonusRatio = ExcellentBonusRatio,
        GoodBonusRatio = GoodBonusRatio,
        PassBonusRatio = PassBonusRatio,
        FailBonusRatio = FailBonusRatio,
        ExcellentMinScore = ExcellentMinScore,
        GoodMinScore = GoodMinScore,
        PassMinScore = PassMinScore,
        FivePointAMinScore = FivePointAMinScore,
        FivePointBMinScore = FivePointBMinScore,
        FivePointCMinScore = FivePointCMinScore,
        TimelinessRatePercentMin = TimelinessRatePercentMin,
        SatisfactionRatePercentMin = SatisfactionRatePercentMin,
        ServiceComplaintRatePercentBelow = ServiceComplaintRatePercentBelow,
        ComplaintEngineerSatisfactionPercentMin = ComplaintEngineerSatisfactionPercentMin,
        ComplaintEngineerResponseHoursMax = ComplaintEngineerResponseHoursMax,
        ComplaintEngineerResolutionHoursMax = ComplaintEngineerResolutionHoursMax,
        ComplaintEngineerComplaintRatePercentMax = ComplaintEngineerComplaintRatePercentMax,
        ReportDeadlineHours = ReportDeadlineHours,
        ComplaintDeadlineDays = ComplaintDeadlineDays,
        OldPartReturnDays = OldPartReturnDays,
    };
}

/// <summary>
/// A new version of the policy. Every value is required (a missing one is a field error, not a silent default);
/// <see cref="Version"/> is the version the editor read (0 while the defaults were never saved).
/// </summary>
public sealed record DepartmentPolicyRequest(
    int Version,
    decimal? QuarterlyBonusPercent = null,
    decimal? YearEndBonusPercent = null,
    decimal? ExcellentBonusRatio = null,
    decimal? GoodBonusRatio = null,
    decimal? PassBonusRatio = null,
    decimal? FailBonusRatio = null,
    decimal? ExcellentMinScore = null,
    decimal? GoodMinScore = null,
    decimal? PassMinScore = null,
    decimal? FivePointAMinScore = null,
    decimal? FivePointBMinScore = null,
    decimal? FivePointCMinScore = null,
    decimal? TimelinessRatePercentMin = null,
    decimal? SatisfactionRatePercentMin = null,
    decimal? ServiceComplaintRatePercentBelow = null,
    decimal? ComplaintEngineerSatisfactionPercentMin = null,
    decimal? ComplaintEngineerResponseHoursMax = null,
    decimal? ComplaintEngineerResolutionHoursMax = null,
    decimal? ComplaintEngineerComplaintRatePercentMax = null,
    int? ReportDeadlineHours = null,
    int? ComplaintDeadlineDays = null,
    int? OldPartReturnDays = null);

/// <summary>A past version: who saved it and when.</summary>
public sealed record DepartmentPolicyChange(int Version, string ChangedBy, DateTime ChangedAtUtc);

/// <summary>The policy in force, its version (0: the defaults, never saved) and the versions before it, newest first.</summary>
public sealed record DepartmentPolicyView(
    int Version,
    string? ChangedBy,
    DateTime? ChangedAtUtc,
    decimal QuarterlyBonusPercent,
    decimal YearEndBonusPercent,
    decimal ExcellentBonusRatio,
    decimal GoodBonusRatio,
    decimal PassBonusRatio,
    decimal FailBonusRatio,
    decimal ExcellentMinScore,
    decimal GoodMinScore,
    decimal PassMinScore,
    decimal FivePointAMinScore,
    decimal FivePointBMinScore,
    decimal FivePointCMinScore,
    decimal TimelinessRatePercentMin,
    decimal SatisfactionRatePercentMin,
    decimal ServiceComplaintRatePercentBelow,
    decimal ComplaintEngineerSatisfactionPercentMin,
    decimal ComplaintEngineerResponseHoursMax,
    decimal ComplaintEngineerResolutionHoursMax,
    decimal ComplaintEngineerComplaintRatePercentMax,
    int ReportDeadlineHours,
    int ComplaintDeadlineDays,
    int OldPartReturnDays,
    IReadOnlyList<DepartmentPolicyChange> History)
{
    public static DepartmentPolicyView Of(DepartmentPolicy p, int version, string? changedBy, DateTime? changedAtUtc, IReadOnlyList<DepartmentPolicyChange> history) =>
        new(version, changedBy, changedAtUtc, p.QuarterlyBonusPercent, p.YearEndBonusPercent, p.ExcellentBonusRatio, p.GoodBonusRatio, p.PassBonusRatio, p.FailBonusRatio, p.ExcellentMinScore, p.GoodMinScore, p.PassMinScore, p.FivePointAMinScore, p.FivePointBMinScore, p.FivePointCMinScore, p.TimelinessRatePercentMin, p.SatisfactionRatePercentMin, p.ServiceComplaintRatePercentBelow, p.ComplaintEngineerSatisfactionPercentMin, p.ComplaintEngineerResponseHoursMax, p.ComplaintEngineerResolutionHoursMax, p.ComplaintEngineerComplaintRatePercentMax, p.ReportDeadlineHours, p.ComplaintDeadlineDays, p.OldPartReturnDays, history);
}

/// <summary>Reads and saves the department policy; the one place the rest of the application gets it from.</summary>
public sealed class DepartmentPolicyHandlers(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public const int HistoryLength = 20;

    public async Task<DepartmentPolicyView> GetAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var versions = await db.DepartmentPolicies.AsNoTracking().OrderByDescending(v => v.Version).Take(HistoryLength + 1).ToListAsync(ct);
        var history = versions.Select(v => new DepartmentPolicyChange(v.Version, v.ChangedBy, v.ChangedAtUtc)).ToList();
        return versions.FirstOrDefault() is { } current
            ? DepartmentPolicyView.Of(current.ToPolicy(), current.Version, current.ChangedBy, current.ChangedAtUtc, history)
            : DepartmentPolicyView.Of(DepartmentPolicy.Default, 0, null, null, []);
    }

    public async Task<Result<DepartmentPolicyView>> SaveAsync(DepartmentPolicyRequest r, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new FieldErrors();
        Required(errors, "quarterlyBonusPercent", r.QuarterlyBonusPercent);
        Required(errors, "yearEndBonusPercent", r.YearEndBonusPercent);
        Required(errors, "excellentBonusRatio", r.ExcellentBonusRatio);
        Required(errors, "goodBonusRatio", r.GoodBonusRatio);
        Required(errors, "passBonusRatio", r.PassBonusRatio);
        Required(errors, "failBonusRatio", r.FailBonusRatio);
        Required(errors, "excellentMinScore", r.ExcellentMinScore);
        Required(errors, "goodMinScore", r.GoodMinScore);
        Required(errors, "passMinScore", r.PassMinScore);
        Required(errors, "fivePointAMinScore", r.FivePointAMinScore);
        Required(errors, "fivePointBMinScore", r.FivePointBMinScore);
        Required(errors, "fivePointCMinScore", r.FivePointCMinScore);
        Required(errors, "timelinessRatePercentMin", r.TimelinessRatePercentMin);
        Required(errors, "satisfactionRatePercentMin", r.SatisfactionRatePercentMin);
        Required(errors, "serviceComplaintRatePercentBelow", r.ServiceComplaintRatePercentBelow);
        Required(errors, "complaintEngineerSatisfactionPercentMin", r.ComplaintEngineerSatisfactionPercentMin);
        Required(errors, "complaintEngineerResponseHoursMax", r.ComplaintEngineerResponseHoursMax);
        Required(errors, "complaintEngineerResolutionHoursMax", r.ComplaintEngineerResolutionHoursMax);
        Required(errors, "complaintEngineerComplaintRatePercentMax", r.ComplaintEngineerComplaintRatePercentMax);
        Required(errors, "reportDeadlineHours", r.ReportDeadlineHours);
        Required(errors, "complaintDeadlineDays", r.ComplaintDeadlineDays);
        Required(errors, "oldPartReturnDays", r.OldPartReturnDays);
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        var policy = new DepartmentPolicy
        {
            QuarterlyBonusPercent = r.QuarterlyBonusPercent!.Value,
            YearEndBonusPercent = r.YearEndBonusPercent!.Value,
            ExcellentBonusRatio = r.ExcellentBonusRatio!.Value,
            GoodBonusRatio = r.GoodBonusRatio!.Value,
            PassBonusRatio = r.PassBonusRatio!.Value,
            FailBonusRatio = r.FailBonusRatio!.Value,
            ExcellentMinScore = r.ExcellentMinScore!.Value,
            GoodMinScore = r.GoodMinScore!.Value,
            PassMinScore = r.PassMinScore!.Value,
            FivePointAMinScore = r.FivePointAMinScore!.Value,
            FivePointBMinScore = r.FivePointBMinScore!.Value,
            FivePointCMinScore = r.FivePointCMinScore!.Value,
            TimelinessRatePercentMin = r.TimelinessRatePercentMin!.Value,
            SatisfactionRatePercentMin = r.SatisfactionRatePercentMin!.Value,
            ServiceComplaintRatePercentBelow = r.ServiceComplaintRatePercentBelow!.Value,
            ComplaintEngineerSatisfactionPercentMin = r.ComplaintEngineerSatisfactionPercentMin!.Value,
            ComplaintEngineerResponseHoursMax = r.ComplaintEngineerResponseHoursMax!.Value,
            ComplaintEngineerResolutionHoursMax = r.ComplaintEngineerResolutionHoursMax!.Value,
            ComplaintEngineerComplaintRatePercentMax = r.ComplaintEngineerComplaintRatePercentMax!.Value,
            ReportDeadlineHours = r.ReportDeadlineHours!.Value,
            ComplaintDeadlineDays = r.ComplaintDeadlineDays!.Value,
            OldPartReturnDays = r.OldPartReturnDays!.Value,
        };
        errors = policy.Validate();
        if (errors.Any)
        {
            return errors.ToRefusal();
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var current = await CurrentVersionAsync(db, ct);
        if (r.Version != current)
        {
            return Refusal.StaleVersion();
        }

        var actor = Actor.From(user);
        // The version line names the person (R: people by name in every history); the audit entry keeps the account.
        db.DepartmentPolicies.Add(DepartmentPolicyVersion.Of(policy, current + 1, user.DisplayName(), time.GetUtcNow().UtcDateTime));
        db.Actor = actor;
        db.ChangeReason = $"department policy version {current + 1}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolations.Describe(e, db.Model) is not null)
        {
            // Another editor stored version n + 1 between our read and our write: theirs stands, ours is stale.
            return Refusal.StaleVersion();
        }

        return await GetAsync(ct);
    }

    /// <summary>The policy in force: the latest version, or the defaults while none was saved.</summary>
    public async Task<DepartmentPolicy> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await CurrentAsync(db, ct);
    }

    /// <summary>The policy in force, read with the caller's context (one query: the latest row by the unique version index).</summary>
    public static async Task<DepartmentPolicy> CurrentAsync(AppDbContext db, CancellationToken ct) =>
        (await db.DepartmentPolicies.AsNoTracking().OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct))?.ToPolicy() ?? DepartmentPolicy.Default;

    /// <summary>The version in force (0: the defaults, never saved): what a scoring stamps on the sheets it scores.</summary>
    public static async Task<int> CurrentVersionAsync(AppDbContext db, CancellationToken ct) =>
        await db.DepartmentPolicies.MaxAsync(v => (int?)v.Version, ct) ?? 0;

    /// <summary>
    /// Every stored version by number, for reading results scored under different versions: a policy changes a few times a
    /// year, so all of them are a handful of rows. An unknown number (0, the defaults) gives the defaults.
    /// </summary>
    public static async Task<Func<int, DepartmentPolicy>> VersionsAsync(AppDbContext db, CancellationToken ct)
    {
        var versions = (await db.DepartmentPolicies.AsNoTracking().ToListAsync(ct)).ToDictionary(v => v.Version, v => v.ToPolicy());
        return version => versions.GetValueOrDefault(version) ?? DepartmentPolicy.Default;
    }

    private static void Required<T>(FieldErrors errors, string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            errors.Add(field, "required", $"{field} is required.");
        }
    }
}

internal sealed class DepartmentPolicyVersionConfiguration : IEntityTypeConfiguration<DepartmentPolicyVersion>
{
    public void Configure(EntityTypeBuilder<DepartmentPolicyVersion> b)
    {
        b.ToTable("DepartmentPolicies");
        b.HasIndex(v => v.Version).IsUnique();
        b.Property(v => v.ChangedBy).HasMaxLength(DepartmentPolicyVersion.ChangedByMaxLength);
        b.Property(v => v.QuarterlyBonusPercent).HasPrecision(5,2);
        b.Property(v => v.YearEndBonusPercent).HasPrecision(5,2);
        b.Property(v => v.ExcellentBonusRatio).HasPrecision(5,2);
        b.Property(v => v.GoodBonusRatio).HasPrecision(5,2);
        b.Property(v => v.PassBonusRatio).HasPrecision(5,2);
        b.Property(v => v.FailBonusRatio).HasPrecision(5,2);
        b.Property(v => v.ExcellentMinScore).HasPrecision(5,2);
        b.Property(v => v.GoodMinScore).HasPrecision(5,2);
        b.Property(v => v.PassMinScore).HasPrecision(5,2);
        b.Property(v => v.FivePointAMinScore).HasPrecision(5,2);
        b.Property(v => v.FivePointBMinScore).HasPrecision(5,2);
        b.Property(v => v.FivePointCMinScore).HasPrecision(5,2);
        b.Property(v => v.TimelinessRatePercentMin).HasPrecision(5,2);
        b.Property(v => v.SatisfactionRatePercentMin).HasPrecision(5,2);
        b.Property(v => v.ServiceComplaintRatePercentBelow).HasPrecision(5,2);
        b.Property(v => v.ComplaintEngineerSatisfactionPercentMin).HasPrecision(5,2);
        b.Property(v => v.ComplaintEngineerResponseHoursMax).HasPrecision(9,2);
        b.Property(v => v.ComplaintEngineerResolutionHoursMax).HasPrecision(9,2);
        b.Property(v => v.ComplaintEngineerComplaintRatePercentMax).HasPrecision(5,2);
    }
}

public static class DepartmentPolicyEndpoints
{
    public static IEndpointRouteBuilder MapDepartmentPolicyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/department-policy", (DepartmentPolicyHandlers h, CancellationToken ct) => h.GetAsync(ct))
            .WithTags("Department policy").WithName("GetDepartmentPolicy").RequireAuthorization(Policies.ReadDepartmentPolicy);
        app.MapPut("/api/v1/department-policy", async (DepartmentPolicyRequest r, DepartmentPolicyHandlers h, ClaimsPrincipal user, CancellationToken ct) =>
                (await h.SaveAsync(r, user, ct)).ToHttp(TypedResults.Ok))
            .WithTags("Department policy").WithName("SaveDepartmentPolicy").RequireAuthorization(Policies.ManageDepartmentPolicy);
        return app;
    }
}
