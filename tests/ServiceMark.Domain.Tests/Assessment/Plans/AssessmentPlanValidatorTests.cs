using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;
using static ServiceMark.Domain.Tests.Assessment.Plans.PlanTestSupport;

namespace ServiceMark.Domain.Tests.Assessment.Plans;

[Trait("Rule", "R-ASM-1")]
public sealed class AssessmentPlanValidatorTests
{
    /// <summary>A valid plan: results 60 (on-time rate 40 + complaints 20, bonus contract amount), attitude 40 (rating).</summary>
    internal static readonly AssessmentPlan Valid = new("example", "示例方案", "", ["ENG"], PeriodKind.Monthly, 1,
    [
        new PlanCategory("results", "工作业绩", 60m,
        [
            new Indicator("arrival_on_time", "到场及时率", IndicatorKind.Kpi, new DataSource(DataSourceKind.ServiceFact, Fact: "on_time_rate:Arrival"),
                new BelowTargetLinearDeduction(40m, 95m, 2m), 40m),
            new Indicator("complaints", "有效投诉", IndicatorKind.Kpi, new DataSource(DataSourceKind.ServiceFact, Fact: "valid_complaints"),
                new PerIncidentDeduction(20m, 5m), 20m),
            new Indicator("contract_amount", "维保合同金额", IndicatorKind.Kpi, new DataSource(DataSourceKind.Amount, EnteredBy: "SPEC"),
                new ProportionalBonus(20_000m, 2m, 10m), 10m, IsBonus: true),
        ]),
        new PlanCategory("attitude", "工作态度", 40m,
        [
            new Indicator("attitude", "工作态度", IndicatorKind.Cpi,
                new DataSource(DataSourceKind.Rating, Raters: [new RaterWeight(RaterGroup.Superior, 60m), new RaterWeight(RaterGroup.Peers, 40m)]),
                new RatingScale(40m, RatingScaleKind.FourPoint), 40m),
        ]),
    ]);

    private static IEnumerable<string> CheckCodes(AssessmentPlan plan) => AssessmentPlanValidator.Check(plan).All.Select(e => $"{e.Field}:{e.Code}");

    [Fact]
    public void A_plan_that_adds_up_passes() => Assert.Empty(ErrorTexts(AssessmentPlanValidator.Check(Valid)));

    [Fact]
    public void Category_weights_must_add_up_to_100()
    {
        var plan = Valid with { Categories = [Valid.Categories[0], Valid.Categories[1] with { Weight = 30m, Indicators = [Attitude(30m)] }] };
        var error = Assert.Single(AssessmentPlanValidator.Check(plan).All);
        Assert.Equal(("categories", "weights_not_100"), (error.Field, error.Code));
        Assert.Equal("The category weights add up to 90, not 100 (60 + 30).", error.Message);
    }

    [Fact]
    public void Base_points_must_equal_the_category_weight_and_bonuses_do_not_count()
    {
        var plan = Valid with { Categories = [Valid.Categories[0] with { Weight = 50m }, Valid.Categories[1] with { Weight = 50m }] };
        Assert.Equal(["categories[0].indicators:points_not_weight", "categories[1].indicators:points_not_weight"], CheckCodes(plan));
        Assert.Contains("add up to 60 points, but the category weighs 50", AssessmentPlanValidator.Check(plan).All[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_must_be_unique()
    {
        var plan = Valid with
        {
            Categories = [Valid.Categories[0], Valid.Categories[1] with { Code = "results", Indicators = [Attitude(40m) with { Code = "complaints" }] }],
        };
        Assert.Equal(["categories[1].indicators[0].code:duplicate", "categories[1]:duplicate"], CheckCodes(plan));
        Assert.Contains("already used by categories[0].indicators[1]", AssessmentPlanValidator.Check(plan).All[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codes_must_be_snake_case() =>
        Assert.Equal(["code:not_snake_case"], CheckCodes(Valid with { Code = "Example Plan" }));

    [Fact]
    public void A_rules_own_errors_are_prefixed_with_the_indicator_path()
    {
        // Banded.Check finds the gap between 80 and 85; the path follows the JSON, in snake_case.
        var rule = new Banded(40m, [new Band(90m, 95m, 30m, 40m), new Band(60m, 80m, 0m, 20m)]);
        var plan = MapIndicators(Valid, i => i.Code == "arrival_on_time" ? i with { Rule = rule } : i);
        var error = Assert.Single(AssessmentPlanValidator.Check(plan).All);
        Assert.Equal(("categories[0].indicators[0].rule.bands[0].from_percent", "gap"), (error.Field, error.Code));
        Assert.Contains("leaves a gap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_giving_more_than_the_indicator_is_refused() =>
        Assert.Equal(["categories[0].indicators[1].rule:above_points"], CheckCodes(ReplaceRule(Valid, "complaints", new PerIncidentDeduction(25m, 5m))));

    [Fact]
    public void A_base_rule_giving_less_than_the_indicator_is_refused() =>
        Assert.Equal(["categories[0].indicators[1].rule:below_points"], CheckCodes(ReplaceRule(Valid, "complaints", new PerIncidentDeduction(15m, 5m))));

    [Fact]
    public void A_capped_bonus_indicator_needs_a_capped_rule()
    {
        Assert.Equal(["categories[0].indicators[2].rule:uncapped"], CheckCodes(ReplaceRule(Valid, "contract_amount", new ProportionalBonus(20_000m, 2m))));

        // A bonus below its cap is fine; an uncapped bonus indicator (no points) may have an uncapped rule.
        Assert.Empty(CheckCodes(ReplaceRule(Valid, "contract_amount", new ProportionalBonus(20_000m, 2m, 5m))));
        Assert.Empty(CheckCodes(MapIndicators(Valid, i => i.Code == "contract_amount" ? i with { Points = null, Rule = new ProportionalBonus(20_000m, 2m) } : i)));
    }

    [Fact]
    public void A_base_indicator_needs_points() =>
        Assert.Contains("categories[0].indicators[1].points:required",
            CheckCodes(MapIndicators(Valid, i => i.Code == "complaints" ? i with { Points = null } : i)));

    [Theory]
    [InlineData("attitude", "rating", "per_incident_deduction")]
    [InlineData("complaints", "service_fact valid_complaints", "rating_scale")]
    [InlineData("contract_amount", "amount", "per_incident_bonus")]
    [InlineData("arrival_on_time", "service_fact on_time_rate", "proportional_bonus")]
    public void The_data_source_must_give_what_the_rule_scores(string code, string _, string ruleKind)
    {
        ScoringRule rule = ruleKind switch
        {
            "per_incident_deduction" => new PerIncidentDeduction(40m, 5m),
            "rating_scale" => new RatingScale(20m, RatingScaleKind.FourPoint),
            "per_incident_bonus" => new PerIncidentBonus(10m, 10m),
            _ => new ProportionalBonus(20_000m, 2m, 40m),
        };
        var errors = AssessmentPlanValidator.Check(ReplaceRule(Valid, code, rule));
        var error = Assert.Single(errors.All);
        Assert.Equal("source_mismatch", error.Code);
        Assert.EndsWith(".source.kind", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public void The_satisfaction_fact_is_a_ten_point_rating()
    {
        var plan = MapIndicators(Valid, i => i.Code == "attitude"
            ? i with { Kind = IndicatorKind.Kpi, Source = new DataSource(DataSourceKind.ServiceFact, Fact: "average_satisfaction") }
            : i);
        var error = Assert.Single(AssessmentPlanValidator.Check(plan).All);
        Assert.Contains("must use the ten_point scale", error.Message, StringComparison.Ordinal);
        Assert.Empty(CheckCodes(ReplaceRule(plan, "attitude", new RatingScale(40m, RatingScaleKind.TenPoint))));
    }

    [Fact]
    public void Hours_facts_cannot_be_scored_by_a_percentage_rule() =>
        Assert.Equal(["categories[0].indicators[0].source.kind:source_mismatch"],
            CheckCodes(MapIndicators(Valid, i => i.Code == "arrival_on_time" ? i with { Source = new DataSource(DataSourceKind.ServiceFact, Fact: "average_response_hours") } : i)));

    [Fact]
    public void Missing_source_parameters_are_named()
    {
        var plan = MapIndicators(Valid, i => i.Code switch
        {
            "arrival_on_time" => i with { Source = new DataSource(DataSourceKind.ServiceFact) },
            "complaints" => i with { Source = new DataSource(DataSourceKind.ServiceFact, Fact: "on_time_rate:OnSite") },
            "contract_amount" => i with { Source = new DataSource(DataSourceKind.Amount) },
            "attitude" => i with { Source = new DataSource(DataSourceKind.Rating) },
            _ => i,
        });
        Assert.Equal(
        [
            "categories[0].indicators[0].source.fact:required", "categories[0].indicators[1].source.fact:unknown_fact",
            "categories[0].indicators[2].source.entered_by:required", "categories[1].indicators[0].source.raters:required",
        ], CheckCodes(plan));
    }

    [Fact]
    public void Rater_weights_are_all_or_none_and_add_up_to_100()
    {
        Assert.Equal(["categories[1].indicators[0].source.raters:weights_not_100"],
            CheckCodes(WithRaters(new RaterWeight(RaterGroup.Superior, 60m), new RaterWeight(RaterGroup.Peers, 30m))));
        Assert.Equal(["categories[1].indicators[0].source.raters:weights_incomplete"],
            CheckCodes(WithRaters(new RaterWeight(RaterGroup.Superior, 60m), new RaterWeight(RaterGroup.Peers))));
        Assert.Equal(["categories[1].indicators[0].source.raters[1]:duplicate"],
            CheckCodes(WithRaters(new RaterWeight(RaterGroup.Superior), new RaterWeight(RaterGroup.Superior))));
        Assert.Empty(CheckCodes(WithRaters(new RaterWeight(RaterGroup.Superior), new RaterWeight(RaterGroup.Subordinates))));
    }

    [Fact]
    public void A_service_fact_indicator_is_a_kpi_and_a_rated_one_a_cpi() =>
        Assert.Equal(["categories[0].indicators[0].source.kind:kind_mismatch", "categories[1].indicators[0].source.kind:kind_mismatch"],
            CheckCodes(MapIndicators(Valid, i => i.Code switch
            {
                "arrival_on_time" => i with { Kind = IndicatorKind.Cpi },
                "attitude" => i with { Kind = IndicatorKind.Kpi },
                _ => i,
            })));

    [Fact]
    public void Plan_fields_are_checked()
    {
        var plan = Valid with { Name = " ", Version = 0, PositionCodes = [], Categories = [] };
        Assert.Equal(["name:required", "version:out_of_range", "position_codes:required", "categories:required"], CheckCodes(plan));
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var plan = Valid with
        {
            Categories =
            [
                Valid.Categories[0] with
                {
                    Weight = 50m,
                    Indicators =
                    [
                        Valid.Categories[0].Indicators[0] with { Rule = new Banded(40m, [new Band(90m, 95m, 30m, 40m), new Band(60m, 80m, 0m, 20m)]) },
                        Valid.Categories[0].Indicators[1] with { Rule = new RatingScale(20m, RatingScaleKind.FourPoint) },
                        Valid.Categories[0].Indicators[2] with { Code = "arrival_on_time", Rule = new ProportionalBonus(20_000m, 2m) },
                    ],
                },
                Valid.Categories[1] with { Indicators = [Attitude(40m) with { Rule = new Threshold(80m, 50m) }] },
            ],
        };
        Assert.Equal(
        [
            "categories[0].indicators[0].rule.bands[0].from_percent:gap",
            "categories[0].indicators[1].source.kind:source_mismatch",
            "categories[0].indicators[2].rule:uncapped",
            "categories[0].indicators[2].code:duplicate",
            "categories[0].indicators:points_not_weight",
            "categories[1].indicators[0].rule:above_points",
            "categories[1].indicators[0].source.kind:source_mismatch",
            "categories:weights_not_100",
        ], CheckCodes(plan));
    }

    private static Indicator Attitude(decimal points) =>
        Valid.Categories[1].Indicators[0] with { Points = points, Rule = new RatingScale(points, RatingScaleKind.FourPoint) };

    private static AssessmentPlan WithRaters(params RaterWeight[] raters) =>
        MapIndicators(Valid, i => i.Code == "attitude" ? i with { Source = new DataSource(DataSourceKind.Rating, Raters: raters) } : i);
}
