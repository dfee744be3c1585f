using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.ServiceLevels;

// The namespace is plural: a namespace named like the type would shadow the type inside ServiceMark.Domain.*.
namespace ServiceMark.Domain.DepartmentPolicies;

/// <summary>
/// The department's assessment and service numbers that REQUIREMENTS.md calls defaults (考核与服务参数): the bonus shares and
/// ratios (R-ASM-8), the grade cut-offs of both scales (R-ASM-7), the department service targets (R-SLA-5), the service
/// report deadline after resolution (the report on-time fact) and the complaint handling deadline (R-CMP-1). Stored as
/// versions, edited by an administrator or the department head; the rules receive it as a value and never read it themselves.
/// </summary>
/// <remarks>
/// Percentages are numbers 0–100 with "Percent" in their name (as everywhere in ServiceMark); ratios are multipliers
/// (1.2 = 120 %). The bonus ratio of the 5-point scale's A/B/C/D is that of 优秀/良好/合格/不合格: one company grades on
/// one scale, and two tables of the same four ratios would only drift apart.
/// </remarks>
public sealed record DepartmentPolicy
{
    public const decimal MaxRatio = 10m;
    public const int MaxReportDeadlineHours = 720;
    public const int MaxComplaintDeadlineDays = 365;
    public const int MaxOldPartReturnDays = 365;
    public const decimal MaxTargetHours = 8760m;

    /// <summary>Seed 001 第五条: each quarter pays this share of the annual bonus.</summary>
    public decimal QuarterlyBonusPercent { get; init; } = 23.5m;

    /// <summary>Seed 001 第五条: the year end pays this share; 4 × quarterly + year end = 100.</summary>
    public decimal YearEndBonusPercent { get; init; } = 6m;

    /// <summary>Assessment bonus ratio of 优秀 (and A). The seeds name the ratio but give no values: these are ours.</summary>
    public decimal ExcellentBonusRatio { get; init; } = 1.2m;

    public decimal GoodBonusRatio { get; init; } = 1.0m;

    public decimal PassBonusRatio { get; init; } = 0.8m;

    /// <summary>A failing grade pays no bonus whatever this says (seed 001 第八条); kept so the table is complete.</summary>
    public decimal FailBonusRatio { get; init; } = 0m;

    /// <summary>100-point scale: 优秀 from this score (common Chinese practice; the seeds give no cut-offs).</summary>
    public decimal ExcellentMinScore { get; init; } = 90m;

    public decimal GoodMinScore { get; init; } = 75m;

    /// <summary>The pass mark: below it is 不合格.</summary>
    public decimal PassMinScore { get; init; } = 60m;

    /// <summary>5-point scale (seed 001 第九条): A from 5, B from 4, C from 3, D below.</summary>
    public decimal FivePointAMinScore { get; init; } = 5m;

    public decimal FivePointBMinScore { get; init; } = 4m;

    public decimal FivePointCMinScore { get; init; } = 3m;

    /// <summary>R-SLA-5 (seed 001 §3.2.1): share of tickets meeting their service level, at least.</summary>
    public decimal TimelinessRatePercentMin { get; init; } = 90m;

    public decimal SatisfactionRatePercentMin { get; init; } = 85m;

    /// <summary>Complaints attributable to service, strictly below.</summary>
    public decimal ServiceComplaintRatePercentBelow { get; init; } = 3m;

    /// <summary>R-SLA-5 (seed 003), the complaint engineer's targets.</summary>
    public decimal ComplaintEngineerSatisfactionPercentMin { get; init; } = 90m;

    public decimal ComplaintEngineerResponseHoursMax { get; init; } = 24m;

    public decimal ComplaintEngineerResolutionHoursMax { get; init; } = 72m;

    public decimal ComplaintEngineerComplaintRatePercentMax { get; init; } = 5m;

    /// <summary>A service report is on time when the customer signs it within this many hours after resolution.</summary>
    public int ReportDeadlineHours { get; init; } = 24;

    /// <summary>A complaint's deadline when none is given: calendar days from receipt (the 72 h resolution target, R-SLA-5).</summary>
    public int ComplaintDeadlineDays { get; init; } = 3;

    /// <summary>R-PRT-3: calendar days after the customer signs within which the engineer brings a replaced warranty part back.</summary>
    public int OldPartReturnDays { get; init; } = 15;

    /// <summary>The numbers as REQUIREMENTS.md gives them.</summary>
    public static DepartmentPolicy Default { get; } = new();

    public TimeSpan ReportDeadline => TimeSpan.FromHours(ReportDeadlineHours);

    /// <summary>Every problem at once, each naming its field (camelCase, as in the API); empty when the policy can be used.</summary>
    public FieldErrors Validate()
    {
        var errors = new FieldErrors();

        if (QuarterlyBonusPercent is < 0m or > 100m)
        {
            errors.Add("quarterlyBonusPercent", "out_of_range", "quarterlyBonusPercent must be between 0 and 100.");
        }

        if (YearEndBonusPercent is < 0m or > 100m)
        {
            errors.Add("yearEndBonusPercent", "out_of_range", "yearEndBonusPercent must be between 0 and 100.");
        }

        // The four quarters and the year end are parts of one annual bonus: together they are all of it, no more, no less.
        else if (QuarterlyBonusPercent is >= 0m and <= 100m && (4 * QuarterlyBonusPercent) + YearEndBonusPercent != 100m)
        {
            errors.Add("yearEndBonusPercent", "not_100",
                $"4 × {Num.S(QuarterlyBonusPercent)} % + {Num.S(YearEndBonusPercent)} % = {Num.S((4 * QuarterlyBonusPercent) + YearEndBonusPercent)} %, not 100 % of the annual bonus.");
        }

        Ratio(errors, "excellentBonusRatio", ExcellentBonusRatio);
        Ratio(errors, "goodBonusRatio", GoodBonusRatio);
        Ratio(errors, "passBonusRatio", PassBonusRatio);
        Ratio(errors, "failBonusRatio", FailBonusRatio);

        // A better grade never earns a smaller ratio: otherwise a higher score would pay less.
        if (GoodBonusRatio is >= 0m and <= MaxRatio && ExcellentBonusRatio is >= 0m and <= MaxRatio && GoodBonusRatio > ExcellentBonusRatio)
        {
            errors.Add("goodBonusRatio", "not_descending", "goodBonusRatio must not exceed excellentBonusRatio.");
        }

        if (PassBonusRatio is >= 0m and <= MaxRatio && GoodBonusRatio is >= 0m and <= MaxRatio && PassBonusRatio > GoodBonusRatio)
        {
            errors.Add("passBonusRatio", "not_descending", "passBonusRatio must not exceed goodBonusRatio.");
        }

        if (FailBonusRatio is >= 0m and <= MaxRatio && PassBonusRatio is >= 0m and <= MaxRatio && FailBonusRatio > PassBonusRatio)
        {
            errors.Add("failBonusRatio", "not_descending", "failBonusRatio must not exceed passBonusRatio.");
        }

        CutOffs(errors, 100m,
            ("excellentMinScore", ExcellentMinScore), ("goodMinScore", GoodMinScore), ("passMinScore", PassMinScore));
        CutOffs(errors, 5m,
            ("fivePointAMinScore", FivePointAMinScore), ("fivePointBMinScore", FivePointBMinScore), ("fivePointCMinScore", FivePointCMinScore));

        if (TimelinessRatePercentMin is < 0m or > 100m)
        {
            errors.Add("timelinessRatePercentMin", "out_of_range", "timelinessRatePercentMin must be between 0 and 100.");
        }

        if (SatisfactionRatePercentMin is < 0m or > 100m)
        {
            errors.Add("satisfactionRatePercentMin", "out_of_range", "satisfactionRatePercentMin must be between 0 and 100.");
        }

        if (ServiceComplaintRatePercentBelow is < 0m or > 100m)
        {
            errors.Add("serviceComplaintRatePercentBelow", "out_of_range", "serviceComplaintRatePercentBelow must be between 0 and 100.");
        }

        if (ComplaintEngineerSatisfactionPercentMin is < 0m or > 100m)
        {
            errors.Add("complaintEngineerSatisfactionPercentMin", "out_of_range", "complaintEngineerSatisfactionPercentMin must be between 0 and 100.");
        }

        if (ComplaintEngineerComplaintRatePercentMax is < 0m or > 100m)
        {
            errors.Add("complaintEngineerComplaintRatePercentMax", "out_of_range", "complaintEngineerComplaintRatePercentMax must be between 0 and 100.");
        }

        if (ComplaintEngineerResponseHoursMax is <= 0m or > MaxTargetHours)
        {
            errors.Add("complaintEngineerResponseHoursMax", "out_of_range", $"complaintEngineerResponseHoursMax must be above 0 and at most {MaxTargetHours}.");
        }

        if (ComplaintEngineerResolutionHoursMax is <= 0m or > MaxTargetHours)
        {
            errors.Add("complaintEngineerResolutionHoursMax", "out_of_range", $"complaintEngineerResolutionHoursMax must be above 0 and at most {MaxTargetHours}.");
        }

        if (ReportDeadlineHours is < 1 or > MaxReportDeadlineHours)
        {
            errors.Add("reportDeadlineHours", "out_of_range", $"reportDeadlineHours must be between 1 and {MaxReportDeadlineHours}.");
        }

        if (OldPartReturnDays is < 1 or > MaxOldPartReturnDays)
        {
            errors.Add("oldPartReturnDays", "out_of_range", $"oldPartReturnDays must be between 1 and {MaxOldPartReturnDays}.");
        }

        if (ComplaintDeadlineDays is < 1 or > MaxComplaintDeadlineDays)
        {
            errors.Add("complaintDeadlineDays", "out_of_range", $"complaintDeadlineDays must be between 1 and {MaxComplaintDeadlineDays}.");
        }

        // Two decimals at most: what the scores, percentages and ratios are rounded to, so a stored value is what is shown.
        foreach (var (field, value) in Decimals())
        {
            if (decimal.Round(value, 2) != value)
            {
                errors.Add(field, "too_precise", $"{field} has more than two decimals.");
            }
        }

        return errors;
    }

    /// <summary>The 100-point grade scale with this policy's cut-offs (R-ASM-7).</summary>
    public GradeScale HundredPointScale() => new(GradeScale.HundredPoint.Name, 100m,
    [
        GradeScale.HundredPoint.Bands[0] with { MinScore = ExcellentMinScore },
        GradeScale.HundredPoint.Bands[1] with { MinScore = GoodMinScore },
        GradeScale.HundredPoint.Bands[2] with { MinScore = PassMinScore },
        GradeScale.HundredPoint.Bands[3],
    ]);

    /// <summary>The 5-point grade scale with this policy's cut-offs (seed 001 第九条).</summary>
    public GradeScale FivePointScale() => new(GradeScale.FivePoint.Name, 5m,
    [
        GradeScale.FivePoint.Bands[0] with { MinScore = FivePointAMinScore },
        GradeScale.FivePoint.Bands[1] with { MinScore = FivePointBMinScore },
        GradeScale.FivePoint.Bands[2] with { MinScore = FivePointCMinScore },
        GradeScale.FivePoint.Bands[3],
    ]);

    /// <summary>The bonus shares and the ratio of every grade code of both scales (R-ASM-8).</summary>
    public BonusPolicy BonusPolicy() => new(QuarterlyBonusPercent, YearEndBonusPercent, new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        ["优秀"] = ExcellentBonusRatio, ["良好"] = GoodBonusRatio, ["合格"] = PassBonusRatio, ["不合格"] = FailBonusRatio,
        ["A"] = ExcellentBonusRatio, ["B"] = GoodBonusRatio, ["C"] = PassBonusRatio, ["D"] = FailBonusRatio,
    });

    /// <summary>The department service targets (R-SLA-5) with their comparisons.</summary>
    public ServiceTargets ServiceTargets() => new()
    {
        TimelinessRatePercentMin = TimelinessRatePercentMin,
        SatisfactionRatePercentMin = SatisfactionRatePercentMin,
        ServiceComplaintRatePercentBelow = ServiceComplaintRatePercentBelow,
        ComplaintEngineerSatisfactionPercentMin = ComplaintEngineerSatisfactionPercentMin,
        ComplaintEngineerResponseHoursMax = ComplaintEngineerResponseHoursMax,
        ComplaintEngineerResolutionHoursMax = ComplaintEngineerResolutionHoursMax,
        ComplaintEngineerComplaintRatePercentMax = ComplaintEngineerComplaintRatePercentMax,
    };

    /// <summary>A complaint received at <paramref name="receivedAtUtc"/> without a deadline of its own is due this many days later.</summary>
    public DateTime ComplaintDeadline(DateTime receivedAtUtc) => receivedAtUtc.AddDays(ComplaintDeadlineDays);

    private IEnumerable<(string Field, decimal Value)> Decimals() =>
    [
        ("quarterlyBonusPercent", QuarterlyBonusPercent), ("yearEndBonusPercent", YearEndBonusPercent),
        ("excellentBonusRatio", ExcellentBonusRatio), ("goodBonusRatio", GoodBonusRatio), ("passBonusRatio", PassBonusRatio),
        ("failBonusRatio", FailBonusRatio), ("excellentMinScore", ExcellentMinScore), ("goodMinScore", GoodMinScore),
        ("passMinScore", PassMinScore), ("fivePointAMinScore", FivePointAMinScore), ("fivePointBMinScore", FivePointBMinScore),
        ("fivePointCMinScore", FivePointCMinScore), ("timelinessRatePercentMin", TimelinessRatePercentMin),
        ("satisfactionRatePercentMin", SatisfactionRatePercentMin), ("serviceComplaintRatePercentBelow", ServiceComplaintRatePercentBelow),
        ("complaintEngineerSatisfactionPercentMin", ComplaintEngineerSatisfactionPercentMin),
        ("complaintEngineerResponseHoursMax", ComplaintEngineerResponseHoursMax),
        ("complaintEngineerResolutionHoursMax", ComplaintEngineerResolutionHoursMax),
        ("complaintEngineerComplaintRatePercentMax", ComplaintEngineerComplaintRatePercentMax),
    ];

    private static void Ratio(FieldErrors errors, string field, decimal value)
    {
        if (value is < 0m or > MaxRatio)
        {
            errors.Add(field, "out_of_range", $"{field} must be between 0 and {MaxRatio}.");
        }
    }

    /// <summary>
    /// Cut-offs of the three passing grades, highest first: each above 0 (the failing grade starts at 0, so a cut-off of 0
    /// would leave it empty), at most the scale's maximum, and strictly below the one above it (no two grades at one score).
    /// </summary>
    private static void CutOffs(FieldErrors errors, decimal max, params (string Field, decimal Value)[] cutOffs)
    {
        for (var i = 0; i < cutOffs.Length; i++)
        {
            var (field, value) = cutOffs[i];
            if (value <= 0m || value > max)
            {
                errors.Add(field, "out_of_range", $"{field} must be above 0 and at most {Num.S(max)}.");
            }
            else if (i > 0 && cutOffs[i - 1].Value is var above && above > 0m && above <= max && value >= above)
            {
                errors.Add(field, "not_descending", $"{field} ({Num.S(value)}) must be below {cutOffs[i - 1].Field} ({Num.S(above)}).");
            }
        }
    }
}
