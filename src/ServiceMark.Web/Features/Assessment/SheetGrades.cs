using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// A sheet's total and its grades, in one place: total = computed + adjustment, rounded once; graded on both scales of
/// R-ASM-7 from the total capped to 0–100 (bonuses may take a total above 100; the grade scales end at 100).
/// </summary>
public static class SheetGrades
{
    public static decimal? Total(decimal? computed, decimal adjustment) => computed is { } c ? Rounding.Round(c + adjustment) : null;

    public static GradeResult? Of(decimal? total) => total is { } t ? GradeScale.HundredPoint.Grade(Math.Clamp(t, 0m, 100m)) : null;

    public static GradeResult? FivePointOf(decimal? total) => total is { } t ? GradeScale.HundredToFivePoint(Math.Clamp(t, 0m, 100m)) : null;

    public static bool IsFailing(decimal? computed, decimal adjustment) => Of(Total(computed, adjustment))?.IsFailing ?? false;
}
