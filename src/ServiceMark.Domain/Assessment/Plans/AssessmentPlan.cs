namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>How often a plan is assessed (R-ASM-4).</summary>
public enum PeriodKind
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>The kinds of indicator of R-ASM-2.</summary>
public enum IndicatorKind
{
    /// <summary>Computed from recorded data or a measured value (a rate, a count, an amount).</summary>
    Kpi,

    /// <summary>Rated by people (superior, peers, customers…): a subjective assessment.</summary>
    Cpi,

    /// <summary>A score a named person enters directly, with a comment.</summary>
    Manual,
}

/// <summary>Where an indicator's measured value comes from.</summary>
public enum DataSourceKind
{
    /// <summary>A service fact computed by ServiceMark (<see cref="DataSource.Fact"/>, e.g. <c>report_on_time_rate</c>).</summary>
    ServiceFact,

    /// <summary>A rating given by <see cref="DataSource.Raters"/> (already combined over the groups when it reaches the scorer).</summary>
    Rating,

    /// <summary>A value (a percentage or a manual score) that <see cref="DataSource.EnteredBy"/> enters.</summary>
    Manual,

    /// <summary>A counted input (work errors, missing summaries…) entered with evidence by <see cref="DataSource.EnteredBy"/>.</summary>
    Count,

    /// <summary>A money amount in CNY (e.g. maintenance contract amount) entered with evidence.</summary>
    Amount,
}

/// <summary>One rater group of a rating and, optionally, its weight in percent (all weights given or none; they add to 100).</summary>
public sealed record RaterWeight(RaterGroup Group, decimal? Weight = null);

/// <summary>Whose records a service fact is measured on: the assessed person's own (the default), or those of everyone in the
/// department the person belongs to, each record once — what a department head answers for.</summary>
public enum SourceScope
{
    Person,
    Department,
}

/// <summary>
/// Where the measured value of an indicator comes from. Only the fields of its <see cref="Kind"/> are used:
/// <see cref="Fact"/> (and <see cref="Scope"/>) for a service fact; <see cref="Raters"/> for a rating; <see cref="EnteredBy"/>
/// (a position code or a role, free text) for manual, count and amount; <see cref="What"/> says in words what is counted or entered.
/// </summary>
public sealed record DataSource(
    DataSourceKind Kind,
    string? Fact = null,
    IReadOnlyList<RaterWeight>? Raters = null,
    string? EnteredBy = null,
    string? What = null,
    SourceScope? Scope = null)
{
    /// <summary>Whether the fact is the department's, not the person's own.</summary>
    public bool IsDepartmentFact => Kind == DataSourceKind.ServiceFact && Scope == SourceScope.Department;
}

/// <summary>
/// One scored item of a plan (指标). <see cref="Points"/> is its maximum (分值): for a base indicator it is part of the
/// category's weight and required; for a bonus indicator (<see cref="IsBonus"/>, 加分项, added on top of the 100) it is the
/// cap and may be null when the bonus is uncapped. Deduction items (扣分项) are base indicators whose rule deducts from
/// their points down to a floor (per-incident or per-error deduction).
/// </summary>
public sealed record Indicator(
    string Code,
    string Name,
    IndicatorKind Kind,
    DataSource Source,
    ScoringRule Rule,
    decimal? Points = null,
    bool IsBonus = false,
    string? Target = null,
    decimal? TargetValue = null,
    string? Description = null);

/// <summary>A category of a plan (工作业绩, 工作态度…): its <see cref="Weight"/> is its share of the 100 points.</summary>
public sealed record PlanCategory(string Code, string Name, decimal Weight, IReadOnlyList<Indicator> Indicators);

/// <summary>
/// An assessment plan (考核方案, R-ASM-1): versioned data, checked by <see cref="AssessmentPlanValidator"/>, stored as JSON
/// by <see cref="AssessmentPlanJson"/> and scored by <see cref="PlanScorer"/>. The base indicators' points add up to 100
/// (each category's points to its weight); bonus indicators add on top.
/// </summary>
public sealed record AssessmentPlan(
    string Code,
    string Name,
    string Description,
    IReadOnlyList<string> PositionCodes,
    PeriodKind PeriodKind,
    int Version,
    IReadOnlyList<PlanCategory> Categories);
