using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.ServiceFacts;

/// <summary>One ticket as the accumulator needs it: no number, no target list (targets come one by one).</summary>
public readonly record struct TicketTally(
    int TicketId,
    DateTime ReportedAtUtc,
    DateTime? FirstResponseAtUtc,
    DateTime? ArrivedAtUtc,
    DateTime? ResolvedAtUtc,
    bool Closed,
    DateTime? ReportSignedAtUtc,
    bool FollowedUp,
    bool IsRepeatFault,
    bool WasReopened,
    decimal? Satisfaction);

/// <summary>
/// The same facts as <see cref="ServiceFactsCalculator.Compute"/>, accumulated one ticket at a time instead of from a
/// list: scoring thousands of people over hundreds of thousands of tickets then keeps running sums per person, not the
/// tickets. Evidence lists are kept only for the codes asked for (the scorer cites a few facts; the ids of every handled
/// ticket of every person would be most of the memory and never shown); the other facts have the same values, numerators
/// and denominators with empty evidence. Tickets may come in any order (each ticket's targets after it); evidence lists
/// them by ticket id, as the calculator does when given tickets in id order.
/// </summary>
public sealed class ServiceFactsAccumulator
{
    private readonly Func<string, bool> wanted;
    private readonly Counter handled;
    private readonly Mean response;
    private readonly Mean arrival;
    private readonly Mean resolution;
    private readonly SortedDictionary<string, Counter> onTime = new(StringComparer.Ordinal);
    private readonly Counter firstTimeFix;
    private readonly Counter followUp;
    private readonly Counter reportOnTime;
    private readonly Mean satisfaction;
    private readonly Counter repeatFaults;
    private readonly List<int> validComplaints = [];
    private int complaints;

    /// <summary>How many ticket ids the evidence lists hold so far: the caller keeps the numbers of those tickets only.</summary>
    public int EvidenceKept { get; private set; }

    /// <param name="withEvidence">The fact codes whose evidence is kept; null keeps all.</param>
    public ServiceFactsAccumulator(Func<string, bool>? withEvidence = null)
    {
        wanted = withEvidence ?? (_ => true);
        handled = new Counter(this, wanted(ServiceFactsCalculator.TicketsHandled));
        response = new Mean(this, wanted(ServiceFactsCalculator.AverageResponseHours));
        arrival = new Mean(this, wanted(ServiceFactsCalculator.AverageArrivalHours));
        resolution = new Mean(this, wanted(ServiceFactsCalculator.AverageResolutionHours));
        firstTimeFix = new Counter(this, wanted(ServiceFactsCalculator.FirstTimeFixRate));
        followUp = new Counter(this, wanted(ServiceFactsCalculator.FollowUpRate));
        reportOnTime = new Counter(this, wanted(ServiceFactsCalculator.ReportOnTimeRate));
        satisfaction = new Mean(this, wanted(ServiceFactsCalculator.AverageSatisfaction));
        repeatFaults = new Counter(this, wanted(ServiceFactsCalculator.RepeatFaults));
    }

    public void AddTicket(in TicketTally t)
    {
        if (t.Closed)
        {
            handled.Add(t.TicketId, true, evidenceWhen: true);
            firstTimeFix.Add(t.TicketId, !t.WasReopened, evidenceWhen: false);
            followUp.Add(t.TicketId, t.FollowedUp, evidenceWhen: false);
        }

        response.Add(t.TicketId, Hours(t.ReportedAtUtc, t.FirstResponseAtUtc));
        arrival.Add(t.TicketId, Hours(t.ReportedAtUtc, t.ArrivedAtUtc));
        resolution.Add(t.TicketId, Hours(t.ReportedAtUtc, t.ResolvedAtUtc));
        if (t.ResolvedAtUtc is { } resolved)
        {
            reportOnTime.Add(t.TicketId, t.ReportSignedAtUtc is { } signed && signed - resolved <= ServiceFactsCalculator.ReportDeadline, evidenceWhen: false);
        }

        satisfaction.Add(t.TicketId, t.Satisfaction);
        if (t.IsRepeatFault)
        {
            repeatFaults.Add(t.TicketId, true, evidenceWhen: true);
        }
    }

    /// <summary>One service-level target of a ticket added; a target not met yet names the fact but is not in its population.</summary>
    public void AddTarget(int ticketId, string target, bool met, bool metOnTime)
    {
        if (!onTime.TryGetValue(target, out var counter))
        {
            onTime[target] = counter = new Counter(this, wanted($"{ServiceFactsCalculator.OnTimeRate}:{target}"));
        }

        if (met)
        {
            counter.Add(ticketId, metOnTime, evidenceWhen: false);
        }
    }

    public void AddComplaint(ComplaintFact c)
    {
        complaints++;
        if (c.CountsAgainstPeople)
        {
            validComplaints.Add(c.ComplaintId);
        }
    }

    public IReadOnlyList<ServiceFact> ToFacts()
    {
        var facts = new List<ServiceFact>
        {
            Count(ServiceFactsCalculator.TicketsHandled, "tickets closed in the period", handled),
            Average(ServiceFactsCalculator.AverageResponseHours, "mean of (first response − reported)", response),
            Average(ServiceFactsCalculator.AverageArrivalHours, "mean of (arrival on site − reported)", arrival),
            Average(ServiceFactsCalculator.AverageResolutionHours, "mean of (resolved − reported)", resolution),
        };

        foreach (var (target, counter) in onTime)
        {
            facts.Add(Rate($"{ServiceFactsCalculator.OnTimeRate}:{target}", $"{target} targets met on time ÷ {target} targets met", counter));
        }

        facts.Add(Rate(ServiceFactsCalculator.FirstTimeFixRate, "closed tickets not reopened as a repeat fault ÷ closed tickets", firstTimeFix));
        facts.Add(Rate(ServiceFactsCalculator.FollowUpRate, "closed tickets followed up ÷ closed tickets", followUp));
        facts.Add(Rate(ServiceFactsCalculator.ReportOnTimeRate,
            $"reports signed within {ServiceFactsCalculator.ReportDeadline.TotalHours:0} h of resolution ÷ resolved tickets", reportOnTime));
        var rated = satisfaction.Count == 0 ? (decimal?)null : Rounding.Round(satisfaction.Sum / satisfaction.Count);
        facts.Add(new ServiceFact(ServiceFactsCalculator.AverageSatisfaction, rated, "score (1–10)", satisfaction.Count, satisfaction.Count,
            "mean of the customers' satisfaction answers", Evidence(ServiceFactsCalculator.AverageSatisfaction, satisfaction.Ids), []));
        facts.Add(new ServiceFact(ServiceFactsCalculator.ValidComplaints, validComplaints.Count, "count", validComplaints.Count, complaints,
            "complaints decided valid and attributable to service", [], validComplaints.ToList()));
        facts.Add(Count(ServiceFactsCalculator.RepeatFaults, "tickets that reopen an earlier ticket as a repeat fault", repeatFaults));
        return facts;
    }

    // The calculator's conversion: the TimeSpan's hours as a double, then decimal; decimal sums are exact here, so the
    // order of adding does not change the mean.
    private static decimal? Hours(DateTime reported, DateTime? at) => at is { } value ? (decimal)(value - reported).TotalHours : null;

    private IReadOnlyList<int> Evidence(string code, List<int> ids) => wanted(code) ? [.. ids.Order()] : [];

    private ServiceFact Count(string code, string formula, Counter c) =>
        new(code, c.Total, "count", c.Total, c.Total, formula, Evidence(code, c.Ids), []);

    private ServiceFact Average(string code, string formula, Mean m) =>
        new(code, m.Count == 0 ? null : Rounding.Round(m.Sum / m.Count), "hours", m.Count, m.Count, formula, Evidence(code, m.Ids), []);

    /// <summary>A percentage; the evidence lists the tickets that did NOT meet it (the ones a reviewer asks about).</summary>
    private ServiceFact Rate(string code, string formula, Counter c) =>
        new(code, c.Total == 0 ? null : Rounding.Round(c.Hits * 100m / c.Total), "percent", c.Hits, c.Total, formula, Evidence(code, c.Ids), []);

    /// <summary>How many, how many succeeded, and the ids of those the evidence lists (successes or failures).</summary>
    private sealed class Counter(ServiceFactsAccumulator owner, bool keepIds)
    {
        public int Total { get; private set; }
        public int Hits { get; private set; }
        public List<int> Ids { get; } = [];

        public void Add(int ticketId, bool succeeded, bool evidenceWhen)
        {
            Total++;
            Hits += succeeded ? 1 : 0;
            if (keepIds && succeeded == evidenceWhen)
            {
                Ids.Add(ticketId);
                owner.EvidenceKept++;
            }
        }
    }

    private sealed class Mean(ServiceFactsAccumulator owner, bool keepIds)
    {
        public int Count { get; private set; }
        public decimal Sum { get; private set; }
        public List<int> Ids { get; } = [];

        public void Add(int ticketId, decimal? value)
        {
            if (value is { } v)
            {
                Count++;
                Sum += v;
                if (keepIds)
                {
                    Ids.Add(ticketId);
                    owner.EvidenceKept++;
                }
            }
        }
    }
}
