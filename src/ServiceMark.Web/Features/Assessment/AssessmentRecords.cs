using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Assessment;

public enum PlanStatus
{
    /// <summary>Being written: editable, usable only for what-if runs.</summary>
    Draft,

    /// <summary>In force: immutable; new periods use the newest published version of a plan code.</summary>
    Published,
}

/// <summary>
/// One version of an assessment plan (考核方案, R-ASM-1), stored as its JSON document so that the exact plan a period
/// was scored with can be read back forever. A published version is never changed: editing makes a new draft version.
/// </summary>
public sealed class StoredAssessmentPlan : IAudited, IVersioned
{
    public const int NameMaxLength = 200;

    /// <summary>The position codes, comma-separated, as stored.</summary>
    public const int PositionCodesMaxLength = 400;

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public int PlanVersion { get; private set; }
    public string Name { get; private set; } = "";
    public string PeriodKind { get; private set; } = "";

    /// <summary>Position codes the plan applies to, comma separated (for lookups; the JSON is the truth).</summary>
    public string PositionCodes { get; private set; } = "";

    public string Json { get; private set; } = "";
    public PlanStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime? PublishedAtUtc { get; private set; }
    public string? PublishedBy { get; private set; }
    public int Version { get; set; }

    private StoredAssessmentPlan()
    {
    }

    public static StoredAssessmentPlan Draft(string code, int planVersion, string name, string periodKind, IEnumerable<string> positionCodes,
        string json, DateTime nowUtc, string by) => new()
        {
            Code = code,
            PlanVersion = planVersion,
            Name = name.Length > NameMaxLength ? name[..NameMaxLength] : name,
            PeriodKind = periodKind,
            PositionCodes = string.Join(',', positionCodes),
            Json = json,
            Status = PlanStatus.Draft,
            CreatedAtUtc = nowUtc,
            CreatedBy = by,
        };

    public Refusal? Replace(string name, string periodKind, IEnumerable<string> positionCodes, string json)
    {
        if (Status != PlanStatus.Draft)
        {
            return Refusal.Conflict("plan_published", "A published plan version cannot be changed; save the change as a new version.");
        }

        Name = name.Length > NameMaxLength ? name[..NameMaxLength] : name;
        PeriodKind = periodKind;
        PositionCodes = string.Join(',', positionCodes);
        Json = json;
        return null;
    }

    public Refusal? Publish(DateTime nowUtc, string by)
    {
        if (Status != PlanStatus.Draft)
        {
            return Refusal.Conflict("plan_published", "This plan version is already published.");
        }

        Status = PlanStatus.Published;
        PublishedAtUtc = nowUtc;
        PublishedBy = by;
        return null;
    }

    public IReadOnlyList<string> Positions => PositionCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed class StoredAssessmentPlanConfiguration : IEntityTypeConfiguration<StoredAssessmentPlan>
{
    public void Configure(EntityTypeBuilder<StoredAssessmentPlan> b)
    {
        b.ToTable("AssessmentPlans");
        b.HasIndex(p => new { p.Code, p.PlanVersion }).IsUnique();
        b.Property(p => p.Code).HasMaxLength(80);
        b.Property(p => p.Name).HasMaxLength(StoredAssessmentPlan.NameMaxLength);
        b.Property(p => p.PeriodKind).HasMaxLength(20);
        b.Property(p => p.PositionCodes).HasMaxLength(StoredAssessmentPlan.PositionCodesMaxLength);
        b.Property(p => p.CreatedBy).HasMaxLength(256);
        b.Property(p => p.PublishedBy).HasMaxLength(256);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Positions);
    }
}

/// <summary>
/// One person's assessment sheet (考核表) in one period, scored under one stored plan version. The computed result is kept
/// as a snapshot (<see cref="ResultJson"/>: every indicator with its measured value, rule, arithmetic and evidence) so a
/// published result reads exactly as it was published, even after plans or data change.
/// </summary>
public sealed class AssessmentSheet : IAudited, IVersioned, IAuditedAsDiff
{
    private static readonly string[] Diffed = [nameof(ResultJson)];

    public const int TextMaxLength = 4000;

    public int Id { get; private set; }
    public int PeriodId { get; private set; }
    public int PersonId { get; private set; }
    public int PlanId { get; private set; }

    /// <summary>The direct superior when the sheet was created: the one who reviews it (R-ORG-2).</summary>
    public int? SuperiorPersonId { get; private set; }

    public string? GoalPlan { get; private set; }
    public DateTime? GoalPlanApprovedAtUtc { get; private set; }
    public string? GoalPlanApprovedBy { get; private set; }

    public string? ResultJson { get; private set; }
    public DateTime? ScoredAtUtc { get; private set; }

    /// <summary>The computed total before any adjustment.</summary>
    public decimal? ComputedTotal { get; private set; }

    /// <summary>
    /// The department policy version (grade cut-offs, bonus shares and ratios) the sheet was last scored under; 0 is the
    /// defaults. Its grade and bonus are read under this version, so a later policy change does not regrade published
    /// results; a re-score (until the committee confirms) takes the policy in force (docs/decisions/0009).
    /// </summary>
    public int PolicyVersion { get; private set; }

    public string? SelfReview { get; private set; }
    public decimal? SelfScore { get; private set; }
    public DateTime? SelfReviewedAtUtc { get; private set; }

    public string? SuperiorComment { get; private set; }
    public DateTime? SuperiorReviewedAtUtc { get; private set; }
    public string? SuperiorReviewedBy { get; private set; }

    /// <summary>Points the superior (or an appeal decision) added or took off, always with <see cref="AdjustmentReason"/>.</summary>
    public decimal Adjustment { get; private set; }
    public string? AdjustmentReason { get; private set; }

    public string? GmComment { get; private set; }
    public DateTime? GmReviewedAtUtc { get; private set; }

    public string? InterviewNotes { get; private set; }
    public string? ImprovementPlan { get; private set; }
    public DateTime? InterviewAtUtc { get; private set; }
    public string? InterviewBy { get; private set; }

    public string? AppealText { get; private set; }
    public DateTime? AppealedAtUtc { get; private set; }
    public string? AppealDecision { get; private set; }
    public bool? AppealUpheld { get; private set; }
    public DateTime? AppealDecidedAtUtc { get; private set; }
    public string? AppealDecidedBy { get; private set; }

    public int Version { get; set; }

    /// <summary>The total that counts: computed plus adjustment, rounded once.</summary>
    public decimal? FinalTotal => SheetGrades.Total(ComputedTotal, Adjustment);

    private AssessmentSheet()
    {
    }

    public static AssessmentSheet Create(int periodId, int personId, int planId, int? superiorPersonId) => new()
    {
        PeriodId = periodId,
        PersonId = personId,
        PlanId = planId,
        SuperiorPersonId = superiorPersonId,
    };

    /// <summary>Re-scoring a period rewrites every sheet's ~10 KB snapshot: the audit row keeps its hash and what changed.</summary>
    IReadOnlyCollection<string> IAuditedAsDiff.DiffedProperties => Diffed;

    (object? Before, object? After) IAuditedAsDiff.AuditDiff(string property, string? before, string? after) => SheetAuditDiff.Diff(before, after);

    public void RecordScore(string resultJson, decimal? total, DateTime nowUtc, int policyVersion = 0)
    {
        ResultJson = resultJson;
        ComputedTotal = total;
        ScoredAtUtc = nowUtc;
        PolicyVersion = policyVersion;
    }

    public void SubmitGoalPlan(string text)
    {
        GoalPlan = text;
        GoalPlanApprovedAtUtc = null;
        GoalPlanApprovedBy = null;
    }

    public void ApproveGoalPlan(DateTime nowUtc, string by)
    {
        GoalPlanApprovedAtUtc = nowUtc;
        GoalPlanApprovedBy = by;
    }

    public void RecordSelfReview(string text, decimal? selfScore, DateTime nowUtc)
    {
        SelfReview = text;
        SelfScore = selfScore;
        SelfReviewedAtUtc = nowUtc;
    }

    public void RecordSuperiorReview(string? comment, decimal adjustment, string? reason, DateTime nowUtc, string by)
    {
        SuperiorComment = comment;
        Adjustment = adjustment;
        AdjustmentReason = adjustment == 0 ? null : reason;
        SuperiorReviewedAtUtc = nowUtc;
        SuperiorReviewedBy = by;
    }

    public void RecordGmReview(string? comment, DateTime nowUtc)
    {
        GmComment = comment;
        GmReviewedAtUtc = nowUtc;
    }

    public void RecordInterview(string notes, string improvementPlan, DateTime nowUtc, string by)
    {
        InterviewNotes = notes;
        ImprovementPlan = improvementPlan;
        InterviewAtUtc = nowUtc;
        InterviewBy = by;
    }

    public void Appeal(string text, DateTime nowUtc)
    {
        AppealText = text;
        AppealedAtUtc = nowUtc;
    }

    /// <summary>An upheld appeal may change the adjustment; the decision text is the reason.</summary>
    public void DecideAppeal(bool upheld, string decision, decimal? newAdjustment, DateTime nowUtc, string by)
    {
        AppealUpheld = upheld;
        AppealDecision = decision;
        AppealDecidedAtUtc = nowUtc;
        AppealDecidedBy = by;
        if (upheld && newAdjustment is { } adjustment)
        {
            Adjustment = adjustment;
            AdjustmentReason = decision;
        }
    }
}

internal sealed class AssessmentSheetConfiguration : IEntityTypeConfiguration<AssessmentSheet>
{
    public void Configure(EntityTypeBuilder<AssessmentSheet> b)
    {
        b.ToTable("AssessmentSheets");
        b.HasIndex(s => new { s.PeriodId, s.PersonId }).IsUnique();
        b.HasIndex(s => s.PersonId);
        b.HasIndex(s => s.SuperiorPersonId);
        foreach (var text in new[] { "GoalPlan", "SelfReview", "SuperiorComment", "AdjustmentReason", "GmComment", "InterviewNotes", "ImprovementPlan", "AppealText", "AppealDecision" })
        {
            b.Property<string?>(text).HasMaxLength(AssessmentSheet.TextMaxLength);
        }

        foreach (var by in new[] { "GoalPlanApprovedBy", "SuperiorReviewedBy", "InterviewBy", "AppealDecidedBy" })
        {
            b.Property<string?>(by).HasMaxLength(256);
        }

        b.Property(s => s.ComputedTotal).HasPrecision(9, 2);
        b.Property(s => s.SelfScore).HasPrecision(9, 2);
        b.Property(s => s.Adjustment).HasPrecision(9, 2);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.FinalTotal);
        b.HasOne<StoredAssessmentPeriod>().WithMany().HasForeignKey(s => s.PeriodId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<StoredAssessmentPlan>().WithMany().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Restrict);
    }
}

public enum SheetInputKind
{
    /// <summary>A percentage, a count or an amount entered for an indicator whose data is not in ServiceMark.</summary>
    Value,

    /// <summary>A rating by one rater of one rater group (CPI, 360°).</summary>
    Rating,
}

/// <summary>
/// A value someone entered for an indicator of a sheet: a measured value (count of work errors, contract amount, PLM
/// use rate), a manual score, or one rater's rating (R-ASM-6). Who entered it and why is kept; the rater's identity is
/// never shown to the assessed person.
/// </summary>
public sealed class SheetInput : IAudited, IVersioned
{
    public const int CommentMaxLength = 2000;

    public int Id { get; private set; }
    public int SheetId { get; private set; }
    public string IndicatorCode { get; private set; } = "";
    public SheetInputKind Kind { get; private set; }

    /// <summary>For a rating, the rater's group (Superior, Peers, …); empty for a value.</summary>
    public string RaterGroup { get; private set; } = "";

    public int EnteredByPersonId { get; private set; }
    public decimal Value { get; private set; }
    public string? Comment { get; private set; }
    public string? Evidence { get; private set; }
    public DateTime EnteredAtUtc { get; private set; }
    public int Version { get; set; }

    private SheetInput()
    {
    }

    public static SheetInput Enter(int sheetId, string indicatorCode, SheetInputKind kind, string raterGroup, int personId) => new()
    {
        SheetId = sheetId,
        IndicatorCode = indicatorCode,
        Kind = kind,
        RaterGroup = raterGroup,
        EnteredByPersonId = personId,
    };

    public void Set(decimal value, string? comment, string? evidence, DateTime nowUtc)
    {
        Value = value;
        Comment = comment;
        Evidence = evidence;
        EnteredAtUtc = nowUtc;
    }
}

internal sealed class SheetInputConfiguration : IEntityTypeConfiguration<SheetInput>
{
    public void Configure(EntityTypeBuilder<SheetInput> b)
    {
        b.ToTable("AssessmentInputs");
        b.HasIndex(i => new { i.SheetId, i.IndicatorCode, i.Kind, i.EnteredByPersonId }).IsUnique();
        b.Property(i => i.IndicatorCode).HasMaxLength(80);
        b.Property(i => i.RaterGroup).HasMaxLength(40);
        b.Property(i => i.Value).HasPrecision(14, 2);
        b.Property(i => i.Comment).HasMaxLength(SheetInput.CommentMaxLength);
        b.Property(i => i.Evidence).HasMaxLength(SheetInput.CommentMaxLength);
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasOne<AssessmentSheet>().WithMany().HasForeignKey(i => i.SheetId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>A yellow or red card (黄牌/红牌, R-ASM-7): a formal warning with its reason; it counts in the year it was issued.</summary>
public sealed class DisciplinaryCard : IAudited
{
    public const int ReasonMaxLength = 2000;

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public CardColour Colour { get; private set; }
    public string Reason { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }
    public string IssuedBy { get; private set; } = "";
    public DateTime IssuedAtUtc { get; private set; }

    private DisciplinaryCard()
    {
    }

    public static DisciplinaryCard Issue(int personId, CardColour colour, string reason, DateOnly issuedOn, string by, DateTime nowUtc) => new()
    {
        PersonId = personId,
        Colour = colour,
        Reason = reason,
        IssuedOn = issuedOn,
        IssuedBy = by,
        IssuedAtUtc = nowUtc,
    };
}

internal sealed class DisciplinaryCardConfiguration : IEntityTypeConfiguration<DisciplinaryCard>
{
    public void Configure(EntityTypeBuilder<DisciplinaryCard> b)
    {
        b.ToTable("DisciplinaryCards");
        b.HasIndex(c => new { c.PersonId, c.IssuedOn });
        b.Property(c => c.Reason).HasMaxLength(DisciplinaryCard.ReasonMaxLength);
        b.Property(c => c.IssuedBy).HasMaxLength(256);
    }
}

/// <summary>
/// An assessment period (考核周期, R-ASM-4) and where it stands in the workflow of R-ASM-5. Each state change is audited
/// (the audit log keeps before/after and the reason); a closed period is locked and only an admin reopens it.
/// </summary>
public sealed class StoredAssessmentPeriod : IAudited, IVersioned
{
    public const int ReasonMaxLength = 2000;

    public int Id { get; private set; }
    public AssessmentPeriodLength Length { get; private set; }
    public int Year { get; private set; }
    public int Number { get; private set; }
    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public PeriodState State { get; private set; }
    public DateTime OpenedAtUtc { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTime StateChangedAtUtc { get; private set; }
    public string StateChangedBy { get; private set; } = "";

    /// <summary>The reason of the last state change when one was needed (a reopening).</summary>
    public string? StateReason { get; private set; }

    public int Version { get; set; }

    public AssessmentPeriod Period => Length switch
    {
        AssessmentPeriodLength.Month => AssessmentPeriod.Month(Year, Number),
        AssessmentPeriodLength.Quarter => AssessmentPeriod.Quarter(Year, Number),
        _ => AssessmentPeriod.OfYear(Year),
    };

    private StoredAssessmentPeriod()
    {
    }

    public static StoredAssessmentPeriod Open(AssessmentPeriod period, DateTime nowUtc, string by) => new()
    {
        Length = period.Length,
        Year = period.Year,
        Number = period.Number,
        FirstDay = period.FirstDay,
        LastDay = period.LastDay,
        State = PeriodState.Open,
        OpenedAtUtc = nowUtc,
        OpenedBy = by,
        StateChangedAtUtc = nowUtc,
        StateChangedBy = by,
    };

    public void MoveTo(PeriodState state, DateTime nowUtc, string by, string? reason)
    {
        State = state;
        StateChangedAtUtc = nowUtc;
        StateChangedBy = by;
        StateReason = reason;
    }
}

internal sealed class StoredAssessmentPeriodConfiguration : IEntityTypeConfiguration<StoredAssessmentPeriod>
{
    public void Configure(EntityTypeBuilder<StoredAssessmentPeriod> b)
    {
        b.ToTable("AssessmentPeriods");
        b.HasIndex(p => new { p.Length, p.Year, p.Number }).IsUnique();
        b.Property(p => p.OpenedBy).HasMaxLength(256);
        b.Property(p => p.StateChangedBy).HasMaxLength(256);
        b.Property(p => p.StateReason).HasMaxLength(StoredAssessmentPeriod.ReasonMaxLength);
        b.Property(p => p.Version).IsConcurrencyToken();
        b.Ignore(p => p.Period);
    }
}
