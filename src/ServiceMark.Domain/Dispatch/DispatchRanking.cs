using System.Globalization;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Dispatch;

/// <summary>An engineer the dispatcher could send, with the facts the suggestion weighs (R-TKT-6).</summary>
/// <param name="SkillProficiency">Fault category name → proficiency 1 (basic) .. 5 (expert); a missing category means none.</param>
/// <param name="TechnicalGradeLevel">1 trainee (见习) .. 5 expert (专家).</param>
/// <param name="OpenTickets">Tickets dispatched to the engineer and not yet resolved.</param>
/// <param name="ServiceAreas">Codes of the areas the engineer covers: provinces or service stations.</param>
/// <param name="DistanceKm">From the engineer's current location or station to the customer; null when unknown.</param>
/// <param name="Available">False when on leave, off shift or otherwise not dispatchable now.</param>
public sealed record DispatchCandidate(
    int PersonId,
    string Name,
    IReadOnlyDictionary<string, int> SkillProficiency,
    int TechnicalGradeLevel,
    int OpenTickets,
    IReadOnlySet<string> ServiceAreas,
    decimal? DistanceKm,
    bool Available);

/// <summary>What the ticket needs.</summary>
/// <param name="AreaCode">The area of the customer's site; null when not known.</param>
/// <param name="MinimumGradeLevel">The lowest technical grade trusted with this ticket, 1..5.</param>
public sealed record DispatchNeed(string FaultCategory, string? AreaCode, int MinimumGradeLevel = 1);

/// <summary>
/// How much each fact counts. Data, so a department can tune it; the defaults make one skill level worth two
/// open tickets and an area match worth three, and 100 km cost as much as one open ticket.
/// </summary>
public sealed record DispatchWeights
{
    public decimal SkillPointsPerLevel { get; init; } = 10m;
    public decimal GradePointsPerLevel { get; init; } = 4m;
    public decimal PenaltyPerOpenTicket { get; init; } = 5m;
    public decimal AreaMatchPoints { get; init; } = 15m;
    public decimal DistancePenaltyPer100Km { get; init; } = 5m;

    public static DispatchWeights Default { get; } = new();

    public static FieldErrors Check(DispatchWeights w)
    {
        var errors = new FieldErrors();
        foreach (var (field, value) in new[]
        {
            ("skillPointsPerLevel", w.SkillPointsPerLevel), ("gradePointsPerLevel", w.GradePointsPerLevel),
            ("penaltyPerOpenTicket", w.PenaltyPerOpenTicket), ("areaMatchPoints", w.AreaMatchPoints),
            ("distancePenaltyPer100Km", w.DistancePenaltyPer100Km),
        })
        {
            if (value < 0m)
            {
                // Penalties are entered as positive numbers; a negative one would reward load or distance.
                errors.Add(field, "negative", $"{field} cannot be negative.");
            }
        }

        return errors;
    }
}

/// <summary>One line of a candidate's score: which fact, its value as shown, and the points it gave.</summary>
/// <param name="Code">One of <see cref="RankReasonCodes"/>.</param>
/// <param name="Value">The value in plain words, for logs and API clients that do not localise.</param>
/// <param name="ValueKey">
/// The value's shape for a reader's language ("skill.level", "area.served", …), filled in with <paramref name="Args"/>;
/// for "skill.*" the first argument is a fault category name.
/// </param>
public sealed record RankReason(string Code, string Value, decimal Points, string ValueKey = "", IReadOnlyList<string>? Args = null);

public static class RankReasonCodes
{
    public const string Skill = "skill";
    public const string Grade = "grade";
    public const string Load = "load";
    public const string Area = "area";
    public const string Distance = "distance";

    /// <summary>Below the need's minimum grade: still listed, after the qualified ones, for the dispatcher to decide.</summary>
    public const string BelowMinimumGrade = "below_minimum_grade";

    /// <summary>Not dispatchable now: listed last.</summary>
    public const string Unavailable = "unavailable";
}

public sealed record RankedCandidate(DispatchCandidate Candidate, decimal Score, IReadOnlyList<RankReason> Reasons)
{
    public bool BelowMinimumGrade => Reasons.Any(r => r.Code == RankReasonCodes.BelowMinimumGrade);

    public bool Unavailable => Reasons.Any(r => r.Code == RankReasonCodes.Unavailable);
}

/// <summary>
/// Suggests engineers for a ticket (R-TKT-6); the dispatcher decides. Everyone is listed: available and qualified
/// first, then available below the minimum grade, then the unavailable; within each group by score, then fewer open
/// tickets, then name, then person id, so the same input always gives the same list.
/// </summary>
public static class DispatchRanking
{
    public const int MinLevel = 1;
    public const int MaxLevel = 5;

    public static IReadOnlyList<RankedCandidate> Rank(
        IEnumerable<DispatchCandidate> candidates, DispatchNeed need, DispatchWeights weights) =>
        candidates
            .Select(c => Score(c, need, weights))
            .OrderBy(r => r.Unavailable ? 2 : r.BelowMinimumGrade ? 1 : 0)
            .ThenByDescending(r => r.Score)
            .ThenBy(r => r.Candidate.OpenTickets)
            .ThenBy(r => r.Candidate.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Candidate.PersonId)
            .ToList();

    public static RankedCandidate Score(DispatchCandidate c, DispatchNeed need, DispatchWeights weights)
    {
        // Out-of-range facts are bad data from upstream, not a dispatcher's mistake: fail loudly rather than rank on them.
        ArgumentOutOfRangeException.ThrowIfLessThan(c.TechnicalGradeLevel, MinLevel, nameof(c.TechnicalGradeLevel));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c.TechnicalGradeLevel, MaxLevel, nameof(c.TechnicalGradeLevel));
        ArgumentOutOfRangeException.ThrowIfNegative(c.OpenTickets, nameof(c.OpenTickets));
        if (c.DistanceKm is < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(c), c.DistanceKm, $"{c.Name}: distance cannot be negative.");
        }

        var reasons = new List<RankReason>();

        var proficiency = Proficiency(c, need.FaultCategory);
        reasons.Add(new(RankReasonCodes.Skill, $"{need.FaultCategory} {(proficiency == 0 ? "none" : $"{proficiency}/{MaxLevel}")}",
            Rounding.Round(proficiency * weights.SkillPointsPerLevel), proficiency == 0 ? "skill.none" : "skill.level",
            [need.FaultCategory.ToString(), Invariant(proficiency), Invariant(MaxLevel)]));

        reasons.Add(new(RankReasonCodes.Grade, $"{c.TechnicalGradeLevel}/{MaxLevel}",
            Rounding.Round(c.TechnicalGradeLevel * weights.GradePointsPerLevel), "grade", [Invariant(c.TechnicalGradeLevel), Invariant(MaxLevel)]));

        reasons.Add(new(RankReasonCodes.Load, $"{c.OpenTickets} open",
            Rounding.Round(-c.OpenTickets * weights.PenaltyPerOpenTicket), "load", [Invariant(c.OpenTickets)]));

        if (string.IsNullOrWhiteSpace(need.AreaCode))
        {
            reasons.Add(new(RankReasonCodes.Area, "ticket area unknown", 0m, "area.unknown", []));
        }
        else
        {
            var serves = c.ServiceAreas.Contains(need.AreaCode);
            reasons.Add(new(RankReasonCodes.Area, serves ? $"{need.AreaCode} served" : $"{need.AreaCode} not served",
                serves ? Rounding.Round(weights.AreaMatchPoints) : 0m, serves ? "area.served" : "area.notServed", [need.AreaCode]));
        }

        reasons.Add(c.DistanceKm is { } km
            ? new(RankReasonCodes.Distance, $"{km.ToString("0.##", CultureInfo.InvariantCulture)} km",
                Rounding.Round(-km / 100m * weights.DistancePenaltyPer100Km), "distance.km", [km.ToString("0.##", CultureInfo.InvariantCulture)])
            : new(RankReasonCodes.Distance, "unknown", 0m, "distance.unknown", []));

        if (c.TechnicalGradeLevel < need.MinimumGradeLevel)
        {
            reasons.Add(new(RankReasonCodes.BelowMinimumGrade, $"{c.TechnicalGradeLevel} < {need.MinimumGradeLevel}", 0m, "belowMinimumGrade",
                [Invariant(c.TechnicalGradeLevel), Invariant(need.MinimumGradeLevel)]));
        }

        if (!c.Available)
        {
            reasons.Add(new(RankReasonCodes.Unavailable, "unavailable", 0m, "unavailable", []));
        }

        // Summing the rounded lines keeps the total equal to what the dispatcher can add up on screen.
        return new RankedCandidate(c, Rounding.Round(reasons.Sum(r => r.Points)), reasons);
    }

    private static int Proficiency(DispatchCandidate c, string category)
    {
        var entry = c.SkillProficiency.FirstOrDefault(kv => string.Equals(kv.Key, category, StringComparison.OrdinalIgnoreCase));
        if (entry.Key is null)
        {
            return 0;
        }

        if (entry.Value is < MinLevel or > MaxLevel)
        {
            throw new ArgumentOutOfRangeException(nameof(c), entry.Value, $"{c.Name}: proficiency in {category} must be {MinLevel}..{MaxLevel}.");
        }

        return entry.Value;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}

