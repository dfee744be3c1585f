using ServiceMark.Domain.Parts;
using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.ServiceLevels;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>What a scoring rule scores: the measured input it takes.</summary>
public enum InputKind
{
    /// <summary>A percentage 0–100.</summary>
    Percent,

    /// <summary>A whole number of incidents, errors, reports… (≥ 0).</summary>
    Count,

    /// <summary>A money amount in CNY (≥ 0).</summary>
    Amount,

    /// <summary>A rating on the rule's scale.</summary>
    Rating,

    /// <summary>A score entered by a person, with a comment.</summary>
    ManualScore,

    /// <summary>Hours (average times): no rule of R-ASM-3 scores hours directly; use an on-time rate instead.</summary>
    Hours,
}

/// <summary>Which input each rule takes, which inputs each data source gives, and the rules in words.</summary>
public static class RuleInputs
{
    /// <summary>The input a rule scores.</summary>
    public static InputKind InputOf(ScoringRule rule) => rule switch
    {
        BelowTargetLinearDeduction or Banded or Threshold => InputKind.Percent,
        PerIncidentDeduction or PerIncidentBonus or PerErrorDeduction => InputKind.Count,
        ProportionalBonus => InputKind.Amount,
        RatingScale => InputKind.Rating,
        ManualScore => InputKind.ManualScore,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule.Kind, "Unknown scoring rule."),
    };

    /// <summary>The service facts a plan can name (<see cref="ServiceFactsCalculator"/>); on-time rates are per SLA target.</summary>
    public static IReadOnlyList<string> KnownFacts { get; } =
    [
        ServiceFactsCalculator.TicketsHandled, ServiceFactsCalculator.AverageResponseHours, ServiceFactsCalculator.AverageArrivalHours,
        ServiceFactsCalculator.AverageResolutionHours, ServiceFactsCalculator.FirstTimeFixRate, ServiceFactsCalculator.FollowUpRate,
        ServiceFactsCalculator.AverageSatisfaction, ServiceFactsCalculator.ValidComplaints, ServiceFactsCalculator.ReportOnTimeRate,
        ServiceFactsCalculator.RepeatFaults, PartFactCodes.PartsCost, PartFactCodes.PartsCostPerTicket, PartFactCodes.OldPartReturnRate,
        PartFactCodes.OldPartsOverdue, PartFactCodes.OldPartInspectionOnTimeRate, PartFactCodes.OldPartDisposalOnTimeRate,
        PartFactCodes.WarrantyClaimsRaised, PartFactCodes.WarrantyRecoveredAmount, PartFactCodes.WarrantyRecoveryRate,
        Expenses.ExpenseFactCodes.TravelCost, Expenses.ExpenseFactCodes.TravelCostPerTicket, Expenses.ExpenseFactCodes.ServiceCost,
        Expenses.ExpenseFactCodes.ServiceCostPerTicket, Expenses.ExpenseFactCodes.CostOverruns, ServiceFactsCalculator.RemoteResolutions,
        ServiceFactsCalculator.RemoteResolutionShare, ServiceFactsCalculator.StampedReports, Contracts.ContractFactCodes.ContractAmount,
        Contracts.ContractFactCodes.CollectionRate, Returns.ReturnFactCodes.QualityPassRate, Returns.ReturnFactCodes.TaskAchievement,
        Installations.InstallationFactCodes.PlanCompletion, Complaints.ComplaintFactCodes.ComplaintRate, Budgets.BudgetFactCodes.DeviationRate,
        Budgets.BudgetFactCodes.CostRevenueRatio, Expenses.ExpenseFactCodes.ServiceBudgetExecution,
        .. Enum.GetNames<SlaTarget>().Select(t => $"{ServiceFactsCalculator.OnTimeRate}:{t}"),
    ];

    /// <summary>The input a service fact gives, or null when the code is not a fact ServiceMark computes.</summary>
    public static InputKind? InputOfFact(string? fact) => fact switch
    {
        ServiceFactsCalculator.TicketsHandled or ServiceFactsCalculator.ValidComplaints or ServiceFactsCalculator.RepeatFaults
            or PartFactCodes.OldPartsOverdue or PartFactCodes.WarrantyClaimsRaised or Expenses.ExpenseFactCodes.CostOverruns
            or ServiceFactsCalculator.RemoteResolutions or ServiceFactsCalculator.StampedReports => InputKind.Count,
        PartFactCodes.PartsCost or PartFactCodes.PartsCostPerTicket or PartFactCodes.WarrantyRecoveredAmount
            or Expenses.ExpenseFactCodes.TravelCost or Expenses.ExpenseFactCodes.TravelCostPerTicket or Expenses.ExpenseFactCodes.ServiceCost
            or Expenses.ExpenseFactCodes.ServiceCostPerTicket or Contracts.ContractFactCodes.ContractAmount => InputKind.Amount,
        ServiceFactsCalculator.AverageResponseHours or ServiceFactsCalculator.AverageArrivalHours or ServiceFactsCalculator.AverageResolutionHours =>
            InputKind.Hours,
        ServiceFactsCalculator.FirstTimeFixRate or ServiceFactsCalculator.FollowUpRate or ServiceFactsCalculator.ReportOnTimeRate => InputKind.Percent,

        // The satisfaction fact is the mean of the customers' 1–10 answers: a ten-point rating.
        ServiceFactsCalculator.AverageSatisfaction => InputKind.Rating,
        _ when fact is not null && KnownFacts.Contains(fact, StringComparer.Ordinal) => InputKind.Percent,
        _ => null,
    };

    /// <summary>Whether a data source can feed a rule; null when it can, otherwise why not.</summary>
    public static string? Mismatch(DataSource source, ScoringRule rule)
    {
        var needs = InputOf(rule);
        switch (source.Kind)
        {
            case DataSourceKind.ServiceFact:
                var gives = InputOfFact(source.Fact);
                if (gives is null)
                {
                    return null; // an unknown fact is its own error
                }

                if (gives == InputKind.Rating && rule is RatingScale { Scale: not RatingScaleKind.TenPoint })
                {
                    return $"fact {source.Fact} is a 1–10 rating: the rating_scale rule must use the ten_point scale.";
                }

                return gives == needs ? null : $"fact {source.Fact} gives {Words(gives.Value)} but the {rule.Kind} rule scores {Words(needs)}.";
            case DataSourceKind.Rating:
                return needs == InputKind.Rating ? null : $"a rating source needs a rating_scale rule, not {rule.Kind}.";
            case DataSourceKind.Manual:
                return needs is InputKind.Percent or InputKind.ManualScore
                    ? null
                    : $"a manual source enters a percentage or a manual score; the {rule.Kind} rule scores {Words(needs)} (use a count or amount source).";
            case DataSourceKind.Count:
                return needs == InputKind.Count ? null : $"a count source gives a count but the {rule.Kind} rule scores {Words(needs)}.";
            case DataSourceKind.Amount:
                return needs == InputKind.Amount ? null : $"an amount source gives an amount but the {rule.Kind} rule scores {Words(needs)}.";
            default:
                return null;
        }
    }

    private static string Words(InputKind kind) => kind switch
    {
        InputKind.Percent => "a percentage",
        InputKind.Count => "a count",
        InputKind.Amount => "an amount",
        InputKind.Rating => "a rating",
        InputKind.ManualScore => "a manual score",
        _ => "hours",
    };

    /// <summary>The rule in Chinese, as on the seeds' sheets (评分标准); the same content as <see cref="Describe"/>.</summary>
    public static string DescribeZh(ScoringRule rule) => rule switch
    {
        BelowTargetLinearDeduction r =>
            $"≥{Num.S(r.TargetPercent)}% 得 {Num.S(r.Points)} 分；每低 1 个百分点扣 {Num.S(r.DeductionPerPoint)} 分"
            + (r.WholePointsOnly ? "（按整百分点计）" : "") + (r.AllowNegative ? "，可扣为负分" : "，扣完为止"),
        Banded r => (r.LowerIsBetter ? "越低越好；" : "")
                    + string.Join("；", r.Bands.OrderBy(b => b.FromPercent).Select(b =>
                        $"{Num.S(b.FromPercent)}–{Num.S(b.ToPercent)}% 得 {Num.S(b.PointsAtFrom)}–{Num.S(b.PointsAtTo)} 分"))
                    + $"；区间外 {Num.S(r.PointsOutsideBands)} 分（满分 {Num.S(r.Points)}）",
        Threshold r => $"≥{Num.S(r.ThresholdPercent)}% 得 {Num.S(r.PointsIfMet)} 分，否则 {Num.S(r.PointsOtherwise)} 分",
        PerIncidentDeduction r => $"{Num.S(r.Points)} 分；" + (r.AllowanceCount > 0 ? $"超过 {Num.S(r.AllowanceCount)} 次后" : "")
                                  + $"每次扣 {Num.S(r.PerIncident)} 分，最低 {Num.S(r.Floor)} 分",
        PerErrorDeduction r => $"{Num.S(r.Points)} 分；每出现一次差错扣 {Num.S(r.PerError)} 分，扣完为止",
        PerIncidentBonus r => $"每次加 {Num.S(r.PerIncident)} 分" + (r.Cap is { } c ? $"，最多 {Num.S(c)} 分" : "，不封顶"),
        ProportionalBonus r => $"金额 ÷ {Num.S(r.UnitAmount)}{(r.WholeUnitsOnly ? "（取整）" : "")} × {Num.S(r.PointsPerUnit)} 分"
                               + (r.Cap is { } c ? $"，最多 {Num.S(c)} 分" : "，不封顶"),
        RatingScale r => r.Scale == RatingScaleKind.FourPoint
            ? $"很满意 3 / 较满意 2 / 不满意 1 / 很不满意 0，评分 ÷ 3 × {Num.S(r.Points)}"
            : $"1–10 分评价，评分 ÷ 10 × {Num.S(r.Points)}",
        ManualScore r => $"评定 {Num.S(r.Min)}–{Num.S(r.Max)} 分，须填写说明",
        _ => rule.Kind,
    };

    /// <summary>The rule and its parameters in words, as shown next to a score (R-ASM-10).</summary>
    public static string Describe(ScoringRule rule) => rule switch
    {
        BelowTargetLinearDeduction r =>
            $"{Num.S(r.Points)} points at ≥ {Num.S(r.TargetPercent)} %; −{Num.S(r.DeductionPerPoint)} per percentage point below"
            + (r.WholePointsOnly ? " (whole points only)" : "") + (r.AllowNegative ? ", may go below 0" : ", not below 0"),
        Banded r => (r.LowerIsBetter ? "lower is better; " : "")
                    + string.Join("; ", r.Bands.OrderBy(b => b.FromPercent).Select(b =>
                        $"{Num.S(b.FromPercent)}–{Num.S(b.ToPercent)} % → {Num.S(b.PointsAtFrom)}–{Num.S(b.PointsAtTo)}"))
                    + $"; outside the bands {Num.S(r.PointsOutsideBands)} (of {Num.S(r.Points)})",
        Threshold r => $"≥ {Num.S(r.ThresholdPercent)} % → {Num.S(r.PointsIfMet)}; below → {Num.S(r.PointsOtherwise)}",
        PerIncidentDeduction r => $"{Num.S(r.Points)} points; −{Num.S(r.PerIncident)} per incident"
                                  + (r.AllowanceCount > 0 ? $" above {Num.S(r.AllowanceCount)}" : "") + $", not below {Num.S(r.Floor)}",
        PerErrorDeduction r => $"{Num.S(r.Points)} points; −{Num.S(r.PerError)} per error, not below 0",
        PerIncidentBonus r => $"+{Num.S(r.PerIncident)} per incident" + (r.Cap is { } c ? $", at most {Num.S(c)}" : ", uncapped"),
        ProportionalBonus r => $"amount ÷ {Num.S(r.UnitAmount)}{(r.WholeUnitsOnly ? " (whole units)" : "")} × {Num.S(r.PointsPerUnit)}"
                               + (r.Cap is { } c ? $", at most {Num.S(c)}" : ", uncapped"),
        RatingScale r => r.Scale == RatingScaleKind.FourPoint
            ? $"很满意 3 / 较满意 2 / 不满意 1 / 很不满意 0, rating ÷ 3 × {Num.S(r.Points)}"
            : $"rating 1–10, rating ÷ 10 × {Num.S(r.Points)}",
        ManualScore r => $"entered score from {Num.S(r.Min)} to {Num.S(r.Max)} with a comment",
        _ => rule.Kind,
    };
}
