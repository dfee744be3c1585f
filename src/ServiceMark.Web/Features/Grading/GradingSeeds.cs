using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Grading;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Grading;

/// <summary>Grading's reference data (the seed 002 pay table) and the demo company's grades.</summary>
public static class GradingSeeds
{
    /// <summary>The date the default pay table takes effect: before any demo month, so every graded month is paid.</summary>
    public static readonly DateOnly DefaultPayTableFrom = new(2025, 1, 1);

    private static readonly DateTime SeededAtUtc = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// The seed 002 pay table effective 2025-01-01 for the default scheme, and the same amounts for the points-based example
    /// (it has the same five grades), each once: a company that changed its pay keeps its own versions. The P1–P8 and
    /// technicians' examples get no table — the seeds give no amounts; HR adds one before putting people on them.
    /// </summary>
    public static async Task SeedPayTableAsync(AppDbContext db, CancellationToken ct)
    {
        db.Actor = Actor.System;
        db.ChangeReason = "default grade pay table (seed 002)";
        foreach (var code in new[] { GradeScheme.Default.Code, GradeScheme.PointsBased.Code })
        {
            if (!await db.GradePayTables.AnyAsync(t => t.SchemeCode == code, ct))
            {
                db.GradePayTables.Add(StoredPayTable.From(PayTable.Default(DefaultPayTableFrom) with { SchemeCode = code }, SeededAtUtc, "system"));
            }
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Demo grades spread over 见习…高级 so the pages show data. Engineers on probation and 沈浩 (E0030, hired 2024) have no
    /// grade yet: they show the first grading (定级) path. Who left gets none.
    /// </summary>
    private static readonly (string No, string Level, string Since)[] DemoGrades =
    [
        ("E0011", GradeScheme.Intermediate, "2023-07-01"),
        ("E0012", GradeScheme.Junior, "2022-01-01"),
        ("E0013", GradeScheme.Junior, "2024-01-01"),
        ("E0014", GradeScheme.Trainee, "2022-01-01"),
        ("E0015", GradeScheme.Senior, "2022-07-01"),
        ("E0017", GradeScheme.Senior, "2021-01-01"),
        ("E0018", GradeScheme.Intermediate, "2022-07-01"),
        ("E0019", GradeScheme.Junior, "2021-07-01"),
        ("E0020", GradeScheme.Intermediate, "2023-01-01"),
        ("E0021", GradeScheme.Trainee, "2022-10-01"),
        ("E0022", GradeScheme.Junior, "2021-01-01"),
        ("E0027", GradeScheme.Junior, "2022-01-01"),
        ("E0028", GradeScheme.Trainee, "2023-08-15"),
    ];

    private static readonly (string No, QualificationKind Kind, string Name, string On)[] DemoQualifications =
    [
        ("E0011", QualificationKind.Training, "产品与安全基础培训", "2018-03-01"),
        ("E0011", QualificationKind.Training, "故障诊断培训", "2020-05-01"),
        ("E0012", QualificationKind.Training, "产品与安全基础培训", "2019-06-01"),
        ("E0014", QualificationKind.Training, "产品与安全基础培训", "2022-03-01"),
        ("E0017", QualificationKind.Training, "产品与安全基础培训", "2015-03-01"),
        ("E0017", QualificationKind.Training, "故障诊断培训", "2017-03-01"),
        ("E0017", QualificationKind.Training, "电气与高压安全培训", "2019-03-01"),
        ("E0017", QualificationKind.Certificate, EligibilityRules.ElectricianCertificate, "2019-09-01"),
        ("E0015", QualificationKind.Certificate, EligibilityRules.ElectricianCertificate, "2020-09-01"),
    ];

    public static async Task SeedDemoGradesAsync(AppDbContext db, IReadOnlyDictionary<string, int> personIds, CancellationToken ct)
    {
        foreach (var (no, level, since) in DemoGrades)
        {
            db.PersonGrades.Add(PersonGrade.Create(personIds[no], GradeScheme.Default.Code, level, DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture),
                "演示数据：启用本系统时已评定的等级", GradeChangeSource.Recorded, null, SeededAtUtc, "demo"));
        }

        foreach (var (no, kind, name, on) in DemoQualifications)
        {
            db.PersonQualifications.Add(PersonQualification.Create(personIds[no], kind, name, DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));
        }

        await db.SaveChangesAsync(ct);
    }
}
