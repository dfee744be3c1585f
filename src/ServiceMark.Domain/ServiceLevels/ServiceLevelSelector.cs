using System.Globalization;

namespace ServiceMark.Domain.ServiceLevels;

/// <summary>The facts of a ticket that decide its service level.</summary>
/// <param name="FaultCategory">A FaultCategory name, e.g. "Body".</param>
/// <param name="DistanceKm">Distance from the nearest service point.</param>
/// <param name="NeedsSupplier">Whether the supplier (配套厂家) must be involved.</param>
/// <param name="Urgency">An Urgency name, e.g. "Normal".</param>
public sealed record TicketFacts(string FaultCategory, decimal DistanceKm, bool NeedsSupplier, string Urgency);

/// <summary>One criterion of the chosen policy and how the ticket met it.</summary>
/// <param name="Criterion">"faultCategory", "minDistanceKm", "maxDistanceKm", "requiresSupplier" or "urgency".</param>
public sealed record CriterionMatch(string Criterion, string English);

/// <summary>Why the chosen policy won over other matching ones.</summary>
public enum ChoiceTieBreak
{
    /// <summary>No other active policy matched.</summary>
    OnlyMatch,

    /// <summary>It set more criteria than any other match.</summary>
    MostSpecific,

    /// <summary>Equally specific as another match, higher priority.</summary>
    HigherPriority,

    /// <summary>Equally specific and same priority: the older policy (lower id) wins so the choice is stable.</summary>
    LowerId,
}

/// <summary>The policy chosen for a ticket and the reason, to show on the ticket and to record with it.</summary>
public sealed record ServiceLevelChoice(
    ServiceLevelPolicy Policy,
    IReadOnlyList<CriterionMatch> Matched,
    ChoiceTieBreak TieBreak,
    int OtherMatches,
    string Reason);

/// <summary>Chooses the service level of a ticket (R-SLA-1).</summary>
public static class ServiceLevelSelector
{
    /// <summary>
    /// The most specific active policy that matches (most criteria set); between equals the higher priority, then
    /// the lower id. Null when no active policy matches — the seeds include a catch-all so that only happens when an
    /// admin removed it.
    /// </summary>
    public static ServiceLevelChoice? Choose(IEnumerable<ServiceLevelPolicy> policies, TicketFacts facts)
    {
        var ranked = policies
            .Where(p => p.IsActive && Matches(p, facts))
            .OrderByDescending(p => p.Specificity)
            .ThenByDescending(p => p.Priority)
            .ThenBy(p => p.Id)
            .ToList();
        if (ranked.Count == 0)
        {
            return null;
        }

        var chosen = ranked[0];
        var tieBreak = ranked.Count == 1 ? ChoiceTieBreak.OnlyMatch
            : ranked[1].Specificity < chosen.Specificity ? ChoiceTieBreak.MostSpecific
            : ranked[1].Priority < chosen.Priority ? ChoiceTieBreak.HigherPriority
            : ChoiceTieBreak.LowerId;
        var matched = Describe(chosen, facts);
        return new ServiceLevelChoice(chosen, matched, tieBreak, ranked.Count - 1, Explain(chosen, matched, tieBreak, ranked));
    }

    public static bool Matches(ServiceLevelPolicy p, TicketFacts facts) =>
        (p.FaultCategory is null || ServiceLevelCriteria.Same(p.FaultCategory, facts.FaultCategory))
        && (p.MinDistanceKm is null || facts.DistanceKm > p.MinDistanceKm)
        && (p.MaxDistanceKm is null || facts.DistanceKm <= p.MaxDistanceKm)
        && (p.RequiresSupplier is null || p.RequiresSupplier == facts.NeedsSupplier)
        && (p.Urgency is null || ServiceLevelCriteria.Same(p.Urgency, facts.Urgency));

    private static List<CriterionMatch> Describe(ServiceLevelPolicy p, TicketFacts f)
    {
        var matched = new List<CriterionMatch>();
        if (p.FaultCategory is not null)
        {
            matched.Add(new("faultCategory", $"fault category {p.FaultCategory}"));
        }

        if (p.MinDistanceKm is { } min)
        {
            matched.Add(new("minDistanceKm", $"distance {Km(f.DistanceKm)} km is beyond {Km(min)} km"));
        }

        if (p.MaxDistanceKm is { } max)
        {
            matched.Add(new("maxDistanceKm", $"distance {Km(f.DistanceKm)} km is within {Km(max)} km"));
        }

        if (p.RequiresSupplier is { } supplier)
        {
            matched.Add(new("requiresSupplier", supplier ? "a supplier is needed" : "no supplier is needed"));
        }

        if (p.Urgency is not null)
        {
            matched.Add(new("urgency", $"urgency {p.Urgency}"));
        }

        return matched;
    }

    private static string Explain(ServiceLevelPolicy chosen, List<CriterionMatch> matched, ChoiceTieBreak tieBreak, List<ServiceLevelPolicy> ranked)
    {
        var criteria = matched.Count == 0
            ? "it applies to every ticket"
            : "it matched " + string.Join(", ", matched.Select(m => m.English));
        var why = tieBreak switch
        {
            ChoiceTieBreak.OnlyMatch => "the only matching policy",
            ChoiceTieBreak.MostSpecific => $"the most specific of {ranked.Count} matching policies ({chosen.Specificity} criteria)",
            ChoiceTieBreak.HigherPriority => $"as specific as \"{ranked[1].Name}\" but of higher priority ({chosen.Priority} > {ranked[1].Priority})",
            _ => $"as specific as \"{ranked[1].Name}\" with the same priority, and older (id {chosen.Id} < {ranked[1].Id})",
        };
        return $"\"{chosen.Name}\": {criteria}; {why}";
    }

    private static string Km(decimal km) => km.ToString("0.##", CultureInfo.InvariantCulture);
}
