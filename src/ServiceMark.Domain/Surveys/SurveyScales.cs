namespace ServiceMark.Domain.Surveys;

/// <summary>The rating scales of satisfaction surveys (R-CMP-2) and internal cooperation ratings (R-CMP-3).</summary>
public enum SurveyScale
{
    /// <summary>1 (worst) .. 10 (best), seed 001's scale for repair quality and satisfaction.</summary>
    TenPoint,

    /// <summary>很不满意 0 / 不满意 1 / 较满意 2 / 很满意 3: the value is the points (see <see cref="FourPointRating"/>).</summary>
    FourPoint,
}

/// <summary>The four-point scale; each value is also its points, as in the seeds' scoring tables.</summary>
public enum FourPointRating
{
    /// <summary>很不满意</summary>
    VeryUnsatisfied = 0,

    /// <summary>不满意</summary>
    Unsatisfied = 1,

    /// <summary>较满意</summary>
    Satisfied = 2,

    /// <summary>很满意</summary>
    VerySatisfied = 3,
}

public static class SurveyScales
{
    public static int Min(SurveyScale scale) => scale switch
    {
        SurveyScale.TenPoint => 1,
        SurveyScale.FourPoint => (int)FourPointRating.VeryUnsatisfied,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    public static int Max(SurveyScale scale) => scale switch
    {
        SurveyScale.TenPoint => 10,
        SurveyScale.FourPoint => (int)FourPointRating.VerySatisfied,
        _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, null),
    };

    public static bool IsWithin(SurveyScale scale, int value) =>
        Enum.IsDefined(scale) && value >= Min(scale) && value <= Max(scale);
}

/// <summary>The standard question codes; a survey may add its own.</summary>
public static class SurveyQuestions
{
    /// <summary>维修质量, 1–10.</summary>
    public const string RepairQuality = "repair_quality";

    /// <summary>总体满意度, 1–10 or four-point.</summary>
    public const string Satisfaction = "satisfaction";
}
