using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.DepartmentPolicies;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// A sheet's total and its grades, in one place: total = computed + adjustment, rounded once; graded on both scales of
/// R-ASM-7 from the total capped to 0–100 (bonuses may take a total above 100; the grade scales end at 100), with the
/// cut-offs of the department policy version the sheet was scored under (<see cref="AssessmentSheet.PolicyVersion"/>).
/// </summary>
public static class SheetGrades
{
    public static decimal? Total(decimal? computed, decimal adjustment) => computed is { } c ? Rounding.Round(c + adjustment) : null;

    public static GradeResult? Of(decimal? total, DepartmentPolicy policy) =>
        total is { } t ? policy.HundredPointScale().Grade(Math.Clamp(t, 0m, 100m)) : null;

    public static GradeResult? FivePointOf(decimal? total, DepartmentPolicy policy) =>
        total is { } t ? GradeScale.HundredToFivePoint(Math.Clamp(t, 0m, 100m), policy.FivePointScale()) : null;

    public static bool IsFailing(decimal? computed, decimal adjustment, DepartmentPolicy policy) => Of(Total(computed, adjustment), policy)?.IsFailing ?? false;
}
