using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.DepartmentPolicies;

namespace ServiceMark.Domain.Tests.DepartmentPolicy;

/// <summary>The department's stored numbers (issue 12 point 7): the defaults are REQUIREMENTS.md's, and every bad value is named.</summary>
[Trait("Rule", "R-ASM-8")]
public sealed class DepartmentPolicyTests
{
    private static readonly DepartmentPolicies.DepartmentPolicy D = DepartmentPolicies.DepartmentPolicy.Default;

    private static string[] Errors(DepartmentPolicies.DepartmentPolicy p) => p.Validate().All.Select(e => $"{e.Field}:{e.Code}").ToArray();

    [Fact]
    public void The_defaults_are_the_requirements_numbers_and_valid()
    {
        Assert.Empty(Errors(D));
        Assert.Equal((23.5m, 6m), (D.QuarterlyBonusPercent, D.YearEndBonusPercent));
        Assert.Equal((1.2m, 1.0m, 0.8m, 0m), (D.ExcellentBonusRatio, D.GoodBonusRatio, D.PassBonusRatio, D.FailBonusRatio));
        Assert.Equal((90m, 75m, 60m), (D.ExcellentMinScore, D.GoodMinScore, D.PassMinScore));
        Assert.Equal((5m, 4m, 3m), (D.FivePointAMinScore, D.FivePointBMinScore, D.FivePointCMinScore));
        Assert.Equal((90m, 85m, 3m), (D.TimelinessRatePercentMin, D.SatisfactionRatePercentMin, D.ServiceComplaintRatePercentBelow));
        Assert.Equal((90m, 24m, 72m, 5m), (D.ComplaintEngineerSatisfactionPercentMin, D.ComplaintEngineerResponseHoursMax,
            D.ComplaintEngineerResolutionHoursMax, D.ComplaintEngineerComplaintRatePercentMax));
        Assert.Equal(TimeSpan.FromHours(24), D.ReportDeadline);
        Assert.Equal(3, D.ComplaintDeadlineDays);
    }

    [Fact]
    public void The_defaults_give_the_shipped_scales_bonus_policy_and_targets()
    {
        Assert.Equal(GradeScale.HundredPoint.Bands, D.HundredPointScale().Bands);
        Assert.Equal(GradeScale.FivePoint.Bands, D.FivePointScale().Bands);
        var bonus = D.BonusPolicy();
        Assert.Equal((BonusPolicy.Default.QuarterlyPercent, BonusPolicy.Default.YearEndPercent), (bonus.QuarterlyPercent, bonus.YearEndPercent));
        Assert.Equal(BonusPolicy.Default.RatioByGrade.OrderBy(x => x.Key, StringComparer.Ordinal), bonus.RatioByGrade.OrderBy(x => x.Key, StringComparer.Ordinal));
        Assert.Equal(ServiceMark.Domain.ServiceLevels.ServiceTargets.Default, D.ServiceTargets());
        Assert.Equal(new DateTime(2026, 3, 4, 8, 0, 0, DateTimeKind.Utc), D.ComplaintDeadline(new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Changed_values_reach_the_scales_bonus_and_targets()
    {
        var p = D with
        {
            ExcellentMinScore = 95m, GoodMinScore = 80m, PassMinScore = 65m, FivePointAMinScore = 4.9m, QuarterlyBonusPercent = 20m,
            YearEndBonusPercent = 20m, GoodBonusRatio = 0.9m, TimelinessRatePercentMin = 80m, ComplaintDeadlineDays = 5,
        };
        Assert.Empty(Errors(p));
        Assert.Equal("良好", p.HundredPointScale().Grade(94m).Grade.Code);
        Assert.True(p.HundredPointScale().Grade(64.99m).IsFailing);
        Assert.Equal("A", p.FivePointScale().Grade(4.9m).Grade.Code);
        Assert.Equal(0.9m, p.BonusPolicy().RatioByGrade["B"]);
        Assert.Equal(20m, p.BonusPolicy().QuarterlyPercent);
        Assert.True(p.ServiceTargets().TimelinessMet(80m));
        Assert.Equal(new DateTime(2026, 3, 6, 0, 0, 0, DateTimeKind.Utc), p.ComplaintDeadline(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Empty(p.HundredPointScale().Check().All);
    }

    [Theory]
    [InlineData(25, 0)]
    [InlineData(0, 100)]
    [InlineData(20, 20)]
    [InlineData(24.99, 0.04)]
    public void Bonus_shares_that_add_up_to_the_whole_annual_bonus_are_accepted(decimal quarterly, decimal yearEnd) =>
        Assert.Empty(Errors(D with { QuarterlyBonusPercent = quarterly, YearEndBonusPercent = yearEnd }));

    [Theory]
    [InlineData(23.5, 6.01)]
    [InlineData(23.49, 6)]
    [InlineData(25, 1)]
    [InlineData(0, 0)]
    public void Bonus_shares_that_do_not_add_up_to_100_are_refused_at_the_year_end_share(decimal quarterly, decimal yearEnd) =>
        Assert.Equal(["yearEndBonusPercent:not_100"], Errors(D with { QuarterlyBonusPercent = quarterly, YearEndBonusPercent = yearEnd }));

    [Theory]
    [InlineData(-0.01, 100, "quarterlyBonusPercent:out_of_range")]
    [InlineData(100.01, 0, "quarterlyBonusPercent:out_of_range")]
    [InlineData(0, -0.01, "yearEndBonusPercent:out_of_range")]
    [InlineData(0, 100.01, "yearEndBonusPercent:out_of_range")]
    public void A_share_outside_0_to_100_is_out_of_range_and_not_also_summed(decimal quarterly, decimal yearEnd, string error) =>
        Assert.Equal([error], Errors(D with { QuarterlyBonusPercent = quarterly, YearEndBonusPercent = yearEnd }));

    [Theory]
    [InlineData("excellentBonusRatio")]
    [InlineData("goodBonusRatio")]
    [InlineData("passBonusRatio")]
    [InlineData("failBonusRatio")]
    public void A_ratio_is_between_0_and_10(string field)
    {
        // All four equal: the descending rule holds, so only the range speaks.
        DepartmentPolicies.DepartmentPolicy All(decimal v) => D with { ExcellentBonusRatio = v, GoodBonusRatio = v, PassBonusRatio = v, FailBonusRatio = v };
        Assert.Empty(Errors(All(0m)));
        Assert.Empty(Errors(All(10m)));
        Assert.Contains($"{field}:out_of_range", Errors(All(10.01m)));
        Assert.Contains($"{field}:out_of_range", Errors(All(-0.01m)));
        Assert.Equal(4, Errors(All(-1m)).Length);
    }

    [Fact]
    public void A_better_grade_never_has_a_smaller_ratio()
    {
        Assert.Equal(["goodBonusRatio:not_descending"], Errors(D with { GoodBonusRatio = 1.21m }));
        Assert.Equal(["passBonusRatio:not_descending"], Errors(D with { PassBonusRatio = 1.01m }));
        Assert.Equal(["failBonusRatio:not_descending"], Errors(D with { FailBonusRatio = 0.81m }));
        Assert.Empty(Errors(D with { GoodBonusRatio = 1.2m, PassBonusRatio = 1.2m, FailBonusRatio = 0.8m }));

        // A ratio out of range is reported once, not also as out of order.
        Assert.Equal(["goodBonusRatio:out_of_range"], Errors(D with { GoodBonusRatio = 11m }));
    }

    [Theory]
    [InlineData(90, 75, 60, new string[0])]
    [InlineData(100, 99.99, 0.01, new string[0])]
    [InlineData(90, 90, 60, new[] { "goodMinScore:not_descending" })]
    [InlineData(90, 75, 75, new[] { "passMinScore:not_descending" })]
    [InlineData(70, 75, 60, new[] { "goodMinScore:not_descending" })]
    [InlineData(90, 75, 0, new[] { "passMinScore:out_of_range" })]
    [InlineData(100.01, 75, 60, new[] { "excellentMinScore:out_of_range" })]
    [InlineData(90, -1, 60, new[] { "goodMinScore:out_of_range" })]
    [InlineData(90, 75, 90.5, new[] { "passMinScore:not_descending" })]
    public void Hundred_point_cut_offs_descend_strictly_within_0_to_100(decimal excellent, decimal good, decimal pass, string[] errors) =>
        Assert.Equal(errors, Errors(D with { ExcellentMinScore = excellent, GoodMinScore = good, PassMinScore = pass }));

    [Theory]
    [InlineData(5, 4, 3, new string[0])]
    [InlineData(4.5, 4, 3, new string[0])]
    [InlineData(5.01, 4, 3, new[] { "fivePointAMinScore:out_of_range" })]
    [InlineData(5, 5, 3, new[] { "fivePointBMinScore:not_descending" })]
    [InlineData(5, 4, 4, new[] { "fivePointCMinScore:not_descending" })]
    [InlineData(5, 4, 0, new[] { "fivePointCMinScore:out_of_range" })]
    public void Five_point_cut_offs_descend_strictly_within_0_to_5(decimal a, decimal b, decimal c, string[] errors) =>
        Assert.Equal(errors, Errors(D with { FivePointAMinScore = a, FivePointBMinScore = b, FivePointCMinScore = c }));

    [Theory]
    [InlineData("timelinessRatePercentMin")]
    [InlineData("satisfactionRatePercentMin")]
    [InlineData("serviceComplaintRatePercentBelow")]
    [InlineData("complaintEngineerSatisfactionPercentMin")]
    [InlineData("complaintEngineerComplaintRatePercentMax")]
    public void A_percentage_target_is_between_0_and_100(string field)
    {
        DepartmentPolicies.DepartmentPolicy With(decimal v) => field switch
        {
            "timelinessRatePercentMin" => D with { TimelinessRatePercentMin = v },
            "satisfactionRatePercentMin" => D with { SatisfactionRatePercentMin = v },
            "serviceComplaintRatePercentBelow" => D with { ServiceComplaintRatePercentBelow = v },
            "complaintEngineerSatisfactionPercentMin" => D with { ComplaintEngineerSatisfactionPercentMin = v },
            _ => D with { ComplaintEngineerComplaintRatePercentMax = v },
        };
        Assert.Empty(Errors(With(0m)));
        Assert.Empty(Errors(With(100m)));
        Assert.Equal([$"{field}:out_of_range"], Errors(With(-0.01m)));
        Assert.Equal([$"{field}:out_of_range"], Errors(With(100.01m)));
    }

    [Fact]
    public void Hour_targets_are_positive_and_at_most_a_year()
    {
        Assert.Equal(["complaintEngineerResponseHoursMax:out_of_range"], Errors(D with { ComplaintEngineerResponseHoursMax = 0m }));
        Assert.Equal(["complaintEngineerResolutionHoursMax:out_of_range"], Errors(D with { ComplaintEngineerResolutionHoursMax = 8760.01m }));
        Assert.Empty(Errors(D with { ComplaintEngineerResponseHoursMax = 0.01m, ComplaintEngineerResolutionHoursMax = 8760m }));
    }

    [Theory]
    [InlineData(0, 3, "reportDeadlineHours:out_of_range")]
    [InlineData(721, 3, "reportDeadlineHours:out_of_range")]
    [InlineData(-24, 3, "reportDeadlineHours:out_of_range")]
    [InlineData(24, 0, "complaintDeadlineDays:out_of_range")]
    [InlineData(24, 366, "complaintDeadlineDays:out_of_range")]
    public void Deadlines_are_positive_and_bounded(int reportHours, int complaintDays, string error) =>
        Assert.Equal([error], Errors(D with { ReportDeadlineHours = reportHours, ComplaintDeadlineDays = complaintDays }));

    [Fact]
    public void Deadlines_at_their_bounds_are_accepted()
    {
        Assert.Empty(Errors(D with { ReportDeadlineHours = 1, ComplaintDeadlineDays = 1 }));
        Assert.Empty(Errors(D with { ReportDeadlineHours = 720, ComplaintDeadlineDays = 365 }));
    }

    [Fact]
    public void More_than_two_decimals_is_refused_for_the_field()
    {
        Assert.Equal(["excellentBonusRatio:too_precise"], Errors(D with { ExcellentBonusRatio = 1.205m }));
        Assert.Equal(["timelinessRatePercentMin:too_precise"], Errors(D with { TimelinessRatePercentMin = 90.001m }));
        Assert.Contains("excellentMinScore:too_precise", Errors(D with { ExcellentMinScore = 90.005m }));
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var errors = Errors(D with { QuarterlyBonusPercent = 30m, GoodMinScore = 95m, ReportDeadlineHours = 0, ComplaintDeadlineDays = 0, SatisfactionRatePercentMin = 101m });
        Assert.Equal(
            ["yearEndBonusPercent:not_100", "goodMinScore:not_descending", "satisfactionRatePercentMin:out_of_range", "reportDeadlineHours:out_of_range",
                "complaintDeadlineDays:out_of_range"],
            errors);
    }
}
