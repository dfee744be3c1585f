using ServiceMark.Domain.Grading;

namespace ServiceMark.Domain.Tests.Grading;

[Trait("Rule", "R-GRD-1")]
public sealed class GradeSchemeConfigurationTests
{
    [Fact]
    public void Every_example_configuration_is_valid()
    {
        Assert.Equal(GradeScheme.Examples.Select(s => s.Code), GradeSchemeConfiguration.Examples.Select(c => c.Code));
        foreach (var c in GradeSchemeConfiguration.Examples)
        {
            var errors = c.Check();
            Assert.False(errors.Any, c.Code + ": " + string.Join("; ", errors.All.Select(e => $"{e.Field} {e.Code}")));
        }
    }

    [Fact]
    public void Check_names_every_problem_by_its_field_path()
    {
        var d = GradeSchemeConfiguration.Examples[0];
        var bad = d with
        {
            Eligibility = d.Eligibility with { Levels = [.. d.Eligibility.Levels.Skip(1), d.Eligibility.Levels[0] with { MinYearsOfExperience = -1 }] },
            Exams = [d.Exams[0] with { PassMark = 120m }, d.Exams[1] with { TheoryPercent = 10m }, d.Exams[2], d.Exams[3], new ExamWeights("Nope", 50m, 50m, 0m, 60m)],
            Cycles = [d.Cycles[0] with { WindowDays = 0, EveryMonths = 5 }],
        };
        var errors = bad.Check().All.Select(e => (e.Field, e.Code)).ToList();
        Assert.Contains(("eligibility.levels[3].minYearsOfExperience", "negative"), errors);
        Assert.Contains(("exams[0].passMark", "out_of_range"), errors);
        Assert.Contains(("exams[1].weights", "not_100"), errors);
        Assert.Contains(("exams[4].levelCode", "unknown"), errors);
        Assert.Contains(("exams", "missing"), errors);
        Assert.Contains(("cycles[0].windowDays", "out_of_range"), errors);
        Assert.Contains(("cycles[0].everyMonths", "not_divider_of_12"), errors);
    }

    [Fact]
    public void In_a_points_scheme_only_appointed_grades_are_examined()
    {
        var p = GradeSchemeConfiguration.Examples[3];
        Assert.False(p.IsExamined(GradeScheme.Junior));
        Assert.True(p.IsExamined(GradeScheme.Senior));
        var fewer = p with { Exams = p.Exams.Where(e => e.LevelCode is GradeScheme.Senior or GradeScheme.Expert).ToList() };
        Assert.False(fewer.Check().Any);
        Assert.Equal(70m, fewer.ExamFor(GradeScheme.Senior)!.PassMark);
    }

    [Fact]
    [Trait("Rule", "R-GRD-5")]
    public void The_current_or_next_window_of_a_grade()
    {
        var annual = GradingCycle.Annual;
        Assert.Equal(new DateOnly(2026, 10, 1), GradingCalendar.CurrentOrNext(annual, "Senior", new DateOnly(2026, 10, 31))!.Opens);
        Assert.Equal(new DateOnly(2027, 10, 1), GradingCalendar.CurrentOrNext(annual, "Senior", new DateOnly(2026, 11, 1))!.Opens);
        Assert.Equal(new DateOnly(2026, 10, 1), GradingCalendar.CurrentOrNext(annual, "Senior", new DateOnly(2026, 3, 5))!.Opens);
        var perLevel = GradingCycle.PerLevel;
        var junior = GradingCalendar.CurrentOrNext(perLevel, "Junior", new DateOnly(2026, 11, 26))!;
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 10)), (junior.Opens, junior.Closes));
        Assert.True(GradingCalendar.CurrentOrNext(perLevel, "Expert", new DateOnly(2026, 7, 15))!.IsOpenOn(new DateOnly(2026, 7, 15)));
        Assert.Null(GradingCalendar.CurrentOrNext([], "Junior", new DateOnly(2026, 7, 15)));
    }
}
