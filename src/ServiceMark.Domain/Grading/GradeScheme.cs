using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Grading;

/// <summary>
/// One technical grade (技术等级, <c>TechnicalGrade</c>) of a <see cref="GradeScheme"/>. <paramref name="Code"/> is what pay
/// tables, eligibility rules, applications and certificates key on; it is stored, so never rename a code in use.
/// <paramref name="AppointedAfterPassing"/>: the grade is appointed (聘任) only after passing the panel's examination — in a
/// points-based scheme points alone never reach it (see <see cref="PointsProgression"/>).
/// <paramref name="PointsThreshold"/>: only in a <see cref="GradeSchemeKind.Points"/> scheme, the accumulated points from which
/// the grade is reached.
/// </summary>
public sealed record GradeLevel(
    string Code, string NameZh, string NameEn, bool AppointedAfterPassing = false, decimal? PointsThreshold = null)
{
    public override string ToString() => $"{NameZh} {NameEn}";
}

/// <summary>How people move up a scheme's grades.</summary>
public enum GradeSchemeKind
{
    /// <summary>By application, examination by the panel (考评小组) and approvals (R-GRD-4).</summary>
    Examined,

    /// <summary>积分制 (R-GRD-7): monthly points accumulate into grades by thresholds.</summary>
    Points,
}

/// <summary>
/// A company's grade scheme as data (R-GRD-1, R-GRD-7): its grades in ascending order, lowest first. A company may run
/// several (engineers on the default five grades, workshop technicians on another). Every number here is a default that an
/// administrator can change.
/// </summary>
/// <remarks>
/// Defaults shipped as examples:
/// <list type="bullet">
/// <item><see cref="Default"/> (seed 002): 见习 Trainee → 初级 Junior → 中级 Intermediate → 高级 Senior → 专家 Expert; "高级工程师及以上
/// 由公司考评合格后聘任" — senior and above are appointed after passing.</item>
/// <item><see cref="PLevels"/> (seed 002, server engineers): P1 … P8, all appointed after passing from P5 (our choice: the
/// seed names the levels only; P5+ mirrors "senior and above").</item>
/// <item><see cref="WorkshopTechnicians"/> (seed 002, car dealer): 助理技师 → 中级维修技师 → 高级维修技师 → 资深维修技师; the
/// 资深 grade appointed after passing.</item>
/// <item><see cref="PointsBased"/> (积分制, seed 002): the five default grades reached by accumulated monthly points at
/// 0 / 600 / 1 800 / 3 600 / 6 000 — the seed gives no numbers; at a typical 75–85 points a month these mean about 8 months
/// to Junior, 2 years to Intermediate, 4 to Senior and 6½ to Expert. Senior and Expert stay appointed after passing: points
/// make a person a candidate for them, not a holder.</item>
/// </list>
/// </remarks>
public sealed record GradeScheme(string Code, string Name, GradeSchemeKind Kind, IReadOnlyList<GradeLevel> Levels)
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 60;

    /// <summary>The grade codes of <see cref="Default"/> (the glossary's names).</summary>
    public const string Trainee = "Trainee";
    public const string Junior = "Junior";
    public const string Intermediate = "Intermediate";
    public const string Senior = "Senior";
    public const string Expert = "Expert";

    public static GradeScheme Default { get; } = new("default", "售后服务工程师技术等级", GradeSchemeKind.Examined,
    [
        new GradeLevel(Trainee, "见习工程师", "Trainee engineer"),
        new GradeLevel(Junior, "初级工程师", "Junior engineer"),
        new GradeLevel(Intermediate, "中级工程师", "Intermediate engineer"),
        new GradeLevel(Senior, "高级工程师", "Senior engineer", AppointedAfterPassing: true),
        new GradeLevel(Expert, "专家级工程师", "Expert engineer", AppointedAfterPassing: true),
    ]);

    public static GradeScheme PLevels { get; } = new("p-levels", "技术序列 P1–P8", GradeSchemeKind.Examined,
        Enumerable.Range(1, 8)
            .Select(i => new GradeLevel($"P{i}", $"P{i} 级", $"Level P{i}", AppointedAfterPassing: i >= 5))
            .ToArray());

    public static GradeScheme WorkshopTechnicians { get; } = new("technicians", "维修技师等级", GradeSchemeKind.Examined,
    [
        new GradeLevel("Assistant", "助理技师", "Assistant technician"),
        new GradeLevel("Technician", "中级维修技师", "Technician"),
        new GradeLevel("SeniorTechnician", "高级维修技师", "Senior technician"),
        new GradeLevel("MasterTechnician", "资深维修技师", "Master technician", AppointedAfterPassing: true),
    ]);

    public static GradeScheme PointsBased { get; } = new("points", "积分制技能等级", GradeSchemeKind.Points,
    [
        new GradeLevel(Trainee, "见习工程师", "Trainee engineer", PointsThreshold: 0m),
        new GradeLevel(Junior, "初级工程师", "Junior engineer", PointsThreshold: 600m),
        new GradeLevel(Intermediate, "中级工程师", "Intermediate engineer", PointsThreshold: 1800m),
        new GradeLevel(Senior, "高级工程师", "Senior engineer", AppointedAfterPassing: true, PointsThreshold: 3600m),
        new GradeLevel(Expert, "专家级工程师", "Expert engineer", AppointedAfterPassing: true, PointsThreshold: 6000m),
    ]);

    /// <summary>The example schemes shipped with ServiceMark.</summary>
    public static IReadOnlyList<GradeScheme> Examples { get; } = [Default, PLevels, WorkshopTechnicians, PointsBased];

    public GradeLevel Lowest => Levels[0];
    public GradeLevel Highest => Levels[^1];

    /// <summary>The position of a grade, 0 for the lowest; −1 when the scheme has no such code.</summary>
    public int IndexOf(string code)
    {
        for (var i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i].Code, code, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public GradeLevel? Find(string code) => IndexOf(code) is var i and >= 0 ? Levels[i] : null;

    /// <summary>The grade one above <paramref name="code"/>; null at the top or for an unknown code.</summary>
    public GradeLevel? Above(string code) => IndexOf(code) is var i and >= 0 && i + 1 < Levels.Count ? Levels[i + 1] : null;

    /// <summary>The grade one below <paramref name="code"/>; null at the bottom or for an unknown code.</summary>
    public GradeLevel? Below(string code) => IndexOf(code) is var i and > 0 ? Levels[i - 1] : null;

    /// <summary>
    /// Every problem of the scheme at once; empty when it can be used: code and name present; at least two grades; each
    /// grade with a code (unique, letters/digits/'-'/'_'), Chinese and English names; in a points scheme every grade has a
    /// threshold, the lowest is 0 and thresholds ascend strictly; in an examined scheme no grade has a threshold.
    /// </summary>
    public FieldErrors Check()
    {
        var errors = new FieldErrors();
        errors.RequiredText("code", Code, CodeMaxLength);
        errors.RequiredText("name", Name, NameMaxLength);
        if (Levels is null || Levels.Count < 2)
        {
            errors.Add("levels", "too_few", "A grade scheme needs at least two grades. 等级方案至少需要两个等级。");
            return errors;
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Levels.Count; i++)
        {
            var level = Levels[i];
            var field = $"levels[{i}]";
            errors.RequiredText($"{field}.code", level.Code, CodeMaxLength);
            errors.RequiredText($"{field}.nameZh", level.NameZh, NameMaxLength);
            errors.RequiredText($"{field}.nameEn", level.NameEn, NameMaxLength);
            if (!string.IsNullOrWhiteSpace(level.Code))
            {
                if (!level.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                {
                    errors.Add($"{field}.code", "format", $"{field}.code may contain only letters, digits, '-' and '_'.");
                }

                if (!codes.Add(level.Code))
                {
                    errors.Add($"{field}.code", "duplicate", $"The grade code {level.Code} appears twice. 等级代码 {level.Code} 重复。");
                }
            }

            if (Kind == GradeSchemeKind.Examined && level.PointsThreshold is not null)
            {
                errors.Add($"{field}.pointsThreshold", "not_points_scheme", "Only a points-based scheme has points thresholds.");
            }

            if (Kind == GradeSchemeKind.Points)
            {
                CheckThreshold(errors, field, i);
            }
        }

        return errors;
    }

    private void CheckThreshold(FieldErrors errors, string field, int i)
    {
        var threshold = Levels[i].PointsThreshold;
        if (threshold is null)
        {
            errors.Add($"{field}.pointsThreshold", "required", $"{field}.pointsThreshold is required in a points-based scheme.");
            return;
        }

        if (i == 0 && threshold != 0m)
        {
            errors.Add($"{field}.pointsThreshold", "lowest_not_zero",
                "The lowest grade's threshold must be 0, otherwise a person with few points has no grade. 最低等级的积分门槛必须为 0。");
        }

        if (Rounding.Round(threshold.Value) != threshold.Value || threshold < 0)
        {
            errors.Add($"{field}.pointsThreshold", "out_of_range", $"{field}.pointsThreshold must be ≥ 0 with at most {Rounding.Decimals} decimals.");
        }

        if (i > 0 && Levels[i - 1].PointsThreshold is { } previous && threshold <= previous)
        {
            errors.Add($"{field}.pointsThreshold", "not_ascending",
                $"Thresholds must ascend: {Num.S(threshold.Value)} is not above {Num.S(previous)}. 积分门槛必须递增。");
        }
    }

    /// <summary>Throws when <see cref="Check"/> finds problems: for code paths that were given a stored, checked scheme.</summary>
    internal void EnsureValid()
    {
        var errors = Check();
        if (errors.Any)
        {
            throw new InvalidOperationException(
                $"The grade scheme {Code} is invalid: " + string.Join("; ", errors.All.Select(e => $"{e.Field}: {e.Message}")));
        }
    }
}
