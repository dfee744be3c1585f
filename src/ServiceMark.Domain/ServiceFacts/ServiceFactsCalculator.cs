using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ServiceFacts;

/// <summary>One service-level target of a ticket: when it was due and when (if ever) it was met.</summary>
public sealed record TargetOutcome(string Target, DateTime DueUtc, DateTime? MetAtUtc)
{
    public bool MetOnTime => MetAtUtc is { } met && met <= DueUtc;
}

/// <summary>What the facts need to know about one ticket handled by the people in scope.</summary>
public sealed record TicketFact(
    int TicketId,
    string Number,
    DateTime ReportedAtUtc,
    DateTime? FirstResponseAtUtc,
    DateTime? ArrivedAtUtc,
    DateTime? ResolvedAtUtc,
    DateTime? ClosedAtUtc,
    DateTime? ReportSignedAtUtc,
    bool FollowedUp,
    bool IsRepeatFault,
    bool WasReopened,
    IReadOnlyList<TargetOutcome> Targets,
    decimal? Satisfaction,
    bool ResolvedRemotely = false,
    bool StampedReport = false);

/// <summary>A complaint about someone in scope; only valid ones attributable to service count (R-CMP-1).</summary>
public sealed record ComplaintFact(int ComplaintId, bool CountsAgainstPeople);

/// <summary>
/// One measured value with the records it was computed from, so that every point of a score can be traced
/// (R-ASM-10). Rates are percentages 0–100; times are hours; a value is null when there is nothing to measure.
/// </summary>
public sealed record ServiceFact(
    string Code,
    decimal? Value,
    string Unit,
    int Numerator,
    int Denominator,
    string Formula,
    IReadOnlyList<int> EvidenceTicketIds,
    IReadOnlyList<int> EvidenceComplaintIds,
    IReadOnlyList<(string Kind, int Id, string Number)>? EvidenceRecords = null);

/// <summary>
/// The measured values the assessment scores from (issue: service facts): counts, average times, on-time rates per
/// service-level target, first-time-fix, follow-up, satisfaction, valid complaints, report on-time, repeat faults.
/// Pure: the caller chooses the tickets (people, team, period) and passes them in.
/// </summary>
public static class ServiceFactsCalculator
{
    /// <summary>
    /// The default of the time within which the customer signs the report after the work was resolved for it to count as on
    /// time; the department's stored policy (DepartmentPolicy.ReportDeadlineHours) is what is used, passed in by the caller.
    /// </summary>
    public static readonly TimeSpan ReportDeadline = TimeSpan.FromHours(24);

    public const string TicketsHandled = "tickets_handled";
    public const string AverageResponseHours = "average_response_hours";
    public const string AverageArrivalHours = "average_arrival_hours";
    public const string AverageResolutionHours = "average_resolution_hours";
    public const string OnTimeRate = "on_time_rate";
    public const string FirstTimeFixRate = "first_time_fix_rate";
    public const string FollowUpRate = "follow_up_rate";
    public const string AverageSatisfaction = "average_satisfaction";
    public const string ValidComplaints = "valid_complaints";
    public const string ReportOnTimeRate = "report_on_time_rate";
    public const string RepeatFaults = "repeat_faults";
    public const string RemoteResolutions = "remote_resolutions";
    public const string RemoteResolutionShare = "remote_resolution_share";
    public const string StampedReports = "stamped_reports";

    /// <param name="reportDeadline">The department's report deadline; <see cref="ReportDeadline"/> when not given.</param>
    public static IReadOnlyList<ServiceFact> Compute(IReadOnlyCollection<TicketFact> tickets, IReadOnlyCollection<ComplaintFact> complaints,
        TimeSpan? reportDeadline = null)
    {
        var deadline = reportDeadline ?? ReportDeadline;
        var closed = tickets.Where(t => t.ClosedAtUtc is not null).ToList();
        var facts = new List<ServiceFact>
        {
            Count(TicketsHandled, "tickets closed in the period", closed.Select(t => t.TicketId)),
            Average(AverageResponseHours, "mean of (first response − reported)", tickets, t => t.FirstResponseAtUtc),
            Average(AverageArrivalHours, "mean of (arrival on site − reported)", tickets, t => t.ArrivedAtUtc),
            Average(AverageResolutionHours, "mean of (resolved − reported)", tickets, t => t.ResolvedAtUtc),
        };

        foreach (var target in tickets.SelectMany(t => t.Targets.Select(x => x.Target)).Distinct().Order(StringComparer.Ordinal))
        {
            var measured = tickets.Where(t => t.Targets.Any(x => x.Target == target && x.MetAtUtc is not null)).ToList();
            facts.Add(Rate($"{OnTimeRate}:{target}", $"{target} targets met on time ÷ {target} targets met",
                measured, t => t.Targets.First(x => x.Target == target).MetOnTime, evidenceWhen: false));
        }

        facts.Add(Rate(FirstTimeFixRate, "closed tickets not reopened as a repeat fault ÷ closed tickets", closed, t => !t.WasReopened, evidenceWhen: false));
        facts.Add(Rate(FollowUpRate, "closed tickets followed up ÷ closed tickets", closed, t => t.FollowedUp, evidenceWhen: false));
        facts.Add(Rate(ReportOnTimeRate, $"reports signed within {deadline.TotalHours:0} h of resolution ÷ resolved tickets",
            tickets.Where(t => t.ResolvedAtUtc is not null).ToList(),
            t => t.ReportSignedAtUtc is { } signed && signed - t.ResolvedAtUtc!.Value <= deadline, evidenceWhen: false));
        var resolved = tickets.Where(t => t.ResolvedAtUtc is not null).ToList();
        facts.Add(Count(RemoteResolutions, "tickets resolved by phone or remote connection", resolved.Where(t => t.ResolvedRemotely).Select(t => t.TicketId)));
        facts.Add(Rate(RemoteResolutionShare, "tickets resolved remotely ÷ tickets resolved", resolved, t => t.ResolvedRemotely, evidenceWhen: true));
        facts.Add(Count(StampedReports, "approved reports bearing the customer's stamp", tickets.Where(t => t.StampedReport).Select(t => t.TicketId)));
        facts.Add(Satisfaction(tickets));
        var valid = complaints.Where(c => c.CountsAgainstPeople).Select(c => c.ComplaintId).ToList();
        facts.Add(new ServiceFact(ValidComplaints, valid.Count, "count", valid.Count, complaints.Count,
            "complaints decided valid and attributable to service", [], valid));
        facts.Add(Count(RepeatFaults, "tickets that reopen an earlier ticket as a repeat fault", tickets.Where(t => t.IsRepeatFault).Select(t => t.TicketId)));
        return facts;
    }

    /// <summary>
    /// The mean time in hours of durations that add up to <paramref name="totalTicks"/>: the durations are summed exactly
    /// (ticks) and divided once, so the database, which sums them in SQL, gets the same value to the last digit.
    /// </summary>
    public static decimal? MeanHours(decimal totalTicks, int count) =>
        count == 0 ? null : Rounding.Round(totalTicks / (count * (decimal)TimeSpan.TicksPerHour));

    /// <summary>A mean, rounded by the one rounding rule; null when there is nothing to measure.</summary>
    public static decimal? Mean(decimal sum, int count) => count == 0 ? null : Rounding.Round(sum / count);

    /// <summary>A percentage 0–100, rounded by the one rounding rule; null when the population is empty.</summary>
    public static decimal? Percent(int hits, int population) => population == 0 ? null : Rounding.Round(hits * 100m / population);

    private static ServiceFact Count(string code, string formula, IEnumerable<int> ids)
    {
        var list = ids.ToList();
        return new ServiceFact(code, list.Count, "count", list.Count, list.Count, formula, list, []);
    }

    private static ServiceFact Average(string code, string formula, IEnumerable<TicketFact> tickets, Func<TicketFact, DateTime?> at)
    {
        var measured = tickets.Where(t => at(t) is not null).ToList();
        var value = MeanHours(measured.Sum(t => (decimal)(at(t)!.Value - t.ReportedAtUtc).Ticks), measured.Count);
        return new ServiceFact(code, value, "hours", measured.Count, measured.Count, formula, measured.Select(t => t.TicketId).ToList(), []);
    }

    /// <summary>A percentage; the evidence lists the tickets that did NOT meet it (the ones a reviewer asks about).</summary>
    private static ServiceFact Rate(string code, string formula, IReadOnlyCollection<TicketFact> population, Func<TicketFact, bool> succeeded, bool evidenceWhen)
    {
        var hits = population.Count(succeeded);
        var value = Percent(hits, population.Count);
        return new ServiceFact(code, value, "percent", hits, population.Count, formula,
            population.Where(t => succeeded(t) == evidenceWhen).Select(t => t.TicketId).ToList(), []);
    }

    private static ServiceFact Satisfaction(IEnumerable<TicketFact> tickets)
    {
        var rated = tickets.Where(t => t.Satisfaction is not null).ToList();
        var value = Mean(rated.Sum(t => t.Satisfaction!.Value), rated.Count);
        return new ServiceFact(AverageSatisfaction, value, "score (1–10)", rated.Count, rated.Count, "mean of the customers' satisfaction answers",
            rated.Select(t => t.TicketId).ToList(), []);
    }
}
