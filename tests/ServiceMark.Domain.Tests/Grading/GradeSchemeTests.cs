using CsCheck;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-1")]
public sealed class GradeSchemeTests
{
    [Fact]
    public void Every_example_scheme_is_valid()
    {
        foreach (var scheme in GradeScheme.Examples)
        {
            Assert.False(scheme.Check().Any, scheme.Code);
        }
    }

    [Fact]
    public void Default_scheme_is_the_five_grades_senior_and_above_appointed_after_passing()
    {
        var s = GradeScheme.Default;
        Assert.Equal(["Trainee", "Junior", "Intermediate", "Senior", "Expert"], s.Levels.Select(l => l.Code));
        Assert.Equal(["见习工程师", "初级工程师", "中级工程师", "高级工程师", "专家级工程师"], s.Levels.Select(l => l.NameZh));
        Assert.Equal([false, false, false, true, true], s.Levels.Select(l => l.AppointedAfterPassing));
        Assert.Equal(GradeSchemeKind.Examined, s.Kind);
    }

    [Fact]
    public void Other_schemes_are_configurable_examples()
    {
        Assert.Equal(8, GradeScheme.PLevels.Levels.Count);
        Assert.Equal("P1", GradeScheme.PLevels.Lowest.Code);
        Assert.Equal("P8", GradeScheme.PLevels.Highest.Code);
        Assert.Equal(["助理技师", "中级维修技师", "高级维修技师", "资深维修技师"], GradeScheme.WorkshopTechnicians.Levels.Select(l => l.NameZh));
    }

    [Fact]
    public void Navigation_one_level_up_and_down()
    {
        var s = GradeScheme.Default;
        Assert.Equal("Junior", s.Above("Trainee")!.Code);
        Assert.Null(s.Above("Expert"));
        Assert.Equal("Senior", s.Below("Expert")!.Code);
        Assert.Null(s.Below("Trainee"));
        Assert.Null(s.Above("Nope"));
        Assert.Equal(-1, s.IndexOf("Nope"));
    }

    [Fact]
    public void Check_lists_every_problem_of_a_scheme()
    {
        var bad = new GradeScheme("", "x", GradeSchemeKind.Points,
        [
            new GradeLevel("A", "甲", "A", PointsThreshold: 10m),
            new GradeLevel("A", "", "A2", PointsThreshold: 5m),
            new GradeLevel("C c", "丙", "C"),
        ]);
        var errors = bad.Check().All.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("code", "required"), errors);
        Assert.Contains(("levels[0].pointsThreshold", "lowest_not_zero"), errors);
        Assert.Contains(("levels[1].code", "duplicate"), errors);
        Assert.Contains(("levels[1].nameZh", "required"), errors);
        Assert.Contains(("levels[1].pointsThreshold", "not_ascending"), errors);
        Assert.Contains(("levels[2].code", "format"), errors);
        Assert.Contains(("levels[2].pointsThreshold", "required"), errors);
        Assert.Equal(7, errors.Count);
    }

    [Fact]
    public void A_scheme_needs_two_grades_and_examined_schemes_have_no_thresholds()
    {
        Assert.Equal("too_few", new GradeScheme("one", "one", GradeSchemeKind.Examined, [new GradeLevel("A", "甲", "A")]).Check().All.Single().Code);
        var withThreshold = new GradeScheme("e", "e", GradeSchemeKind.Examined,
            [new GradeLevel("A", "甲", "A"), new GradeLevel("B", "乙", "B", PointsThreshold: 5m)]);
        Assert.Equal(("levels[1].pointsThreshold", "not_points_scheme"), withThreshold.Check().All.Select(e => (e.Field, e.Code)).Single());
    }
}

[Trait("Rule", "R-GRD-7")]
public sealed class PointsProgressionTests
{
    private static MonthlyPoints P(int year, int month, decimal points) => new(year, month, points, "test");

    [Fact]
    public void No_points_is_the_lowest_grade()
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased, []);
        Assert.Equal((0m, "Trainee"), (standing.Total, standing.Level.Code));
        Assert.Equal("no points yet: 0 → Trainee", standing.Arithmetic);
    }

    [Theory]
    [InlineData(599.99, "Trainee")]
    [InlineData(600, "Junior")]
    [InlineData(1799.99, "Junior")]
    [InlineData(1800, "Intermediate")]
    public void Thresholds_are_inclusive(double total, string level)
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased, [P(2026, 1, (decimal)total)]);
        Assert.Equal(level, standing.Level.Code);
    }

    [Fact]
    public void Points_alone_never_reach_a_grade_appointed_after_passing()
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased, [P(2026, 1, 4000m)]);
        Assert.Equal(("Intermediate", "Senior", true), (standing.Level.Code, standing.QualifiedFor.Code, standing.AwaitsExamination));
        Assert.Contains("appointed only after passing", standing.Arithmetic, StringComparison.Ordinal);
    }

    [Fact]
    public void Months_accumulate_in_calendar_order_and_several_entries_in_a_month_add_up()
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased,
            [P(2026, 2, 300m), P(2025, 12, 200m), P(2026, 2, 100m), P(2026, 1, 50m)]);
        Assert.Equal([(2025, 12, 200m), (2026, 1, 250m), (2026, 2, 650m)], standing.Months.Select(m => (m.Year, m.Month, m.Total)));
        Assert.Equal(["Trainee", "Trainee", "Junior"], standing.Months.Select(m => m.Level.Code));
        Assert.Equal("200 + 50 + 400 = 650; ≥ 600 → Junior (初级工程师)", standing.Arithmetic);
    }

    [Fact]
    public void The_total_never_goes_below_zero_and_the_grade_follows_it_down()
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased,
            [P(2026, 1, 700m), P(2026, 2, -1000m), P(2026, 3, 100m)]);
        Assert.Equal([700m, 0m, 100m], standing.Months.Select(m => m.Total));
        Assert.Equal(["Junior", "Trainee", "Trainee"], standing.Months.Select(m => m.Level.Code));
    }

    [Fact]
    public void Through_a_month_ignores_later_entries()
    {
        var standing = PointsProgression.Evaluate(GradeScheme.PointsBased, [P(2026, 1, 500m), P(2026, 2, 500m)], 2026, 1);
        Assert.Equal(500m, standing.Total);
    }

    [Fact]
    public void Points_from_an_assessment_are_the_score_and_nothing_for_a_failed_month()
    {
        Assert.Equal(85.5m, PointsProgression.FromAssessment(2026, 3, GradeScale.HundredPoint.Grade(85.5m)).Points);
        Assert.Equal(0m, PointsProgression.FromAssessment(2026, 3, GradeScale.HundredPoint.Grade(59m)).Points);
        Assert.Equal(171m, PointsProgression.FromAssessment(2026, 3, GradeScale.HundredPoint.Grade(85.5m), 2m).Points);
    }

    [Fact]
    public void An_examined_scheme_is_not_evaluated_by_points() =>
        Assert.Throws<ArgumentException>(() => PointsProgression.Evaluate(GradeScheme.Default, []));

    [Fact]
    public void Property_the_level_is_the_highest_reachable_threshold_of_the_floored_running_total() =>
        Gen.Int[-300, 900].Array[0, 24].Sample(points =>
        {
            var history = points.Select((p, i) => P(2024 + (i / 12), (i % 12) + 1, p)).ToArray();
            var standing = PointsProgression.Evaluate(GradeScheme.PointsBased, history);
            var total = 0m;
            foreach (var p in points)
            {
                total = Math.Max(0, total + p);
            }

            var expected = GradeScheme.PointsBased.Levels.Last(l => l.PointsThreshold <= total && !l.AppointedAfterPassing);
            return standing.Total == total && standing.Total >= 0 && standing.Level == expected;
        });
}
