using CsCheck;
using ServiceMark.Domain.ServiceFacts;

namespace ServiceMark.Domain.Tests.ServiceFacts;

[Trait("Rule", "R-ASM-10")]
public sealed class ServiceFactsCalculatorTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

    private static TicketFact Ticket(int id, double responseH = 2, double arrivalH = 10, double resolveH = 20, bool closed = true, double? signedAfterResolveH = 1,
        bool followedUp = true, bool repeat = false, bool reopened = false, double arrivalDueH = 24, decimal? satisfaction = 9m) =>
        new(id, $"T{id}", T0, T0.AddHours(responseH), T0.AddHours(arrivalH), T0.AddHours(resolveH), closed ? T0.AddHours(resolveH + 5) : null,
            signedAfterResolveH is { } s ? T0.AddHours(resolveH + s) : null, followedUp, repeat, reopened,
            [new TargetOutcome("Arrival", T0.AddHours(arrivalDueH), T0.AddHours(arrivalH))], satisfaction);

    private static ServiceFact Fact(IReadOnlyList<ServiceFact> facts, string code) => facts.Single(f => f.Code == code);

    [Fact]
    public void Each_value_is_computed_from_the_tickets_and_lists_them()
    {
        var facts = ServiceFactsCalculator.Compute(
        [
            Ticket(1),
            Ticket(2, arrivalH: 30, followedUp: false, reopened: true, satisfaction: 6m),
            Ticket(3, closed: false, signedAfterResolveH: 30, satisfaction: null),
            Ticket(4, repeat: true, responseH: 4),
        ], [new ComplaintFact(7, true), new ComplaintFact(8, false)]);

        Assert.Equal(3m, Fact(facts, ServiceFactsCalculator.TicketsHandled).Value);
        Assert.Equal([1, 2, 4], Fact(facts, ServiceFactsCalculator.TicketsHandled).EvidenceTicketIds);
        Assert.Equal(2.5m, Fact(facts, ServiceFactsCalculator.AverageResponseHours).Value); // (2+2+2+4)/4
        var onTime = Fact(facts, "on_time_rate:Arrival");
        Assert.Equal(75m, onTime.Value);
        Assert.Equal([2], onTime.EvidenceTicketIds); // the late one
        Assert.Equal(66.67m, Fact(facts, ServiceFactsCalculator.FirstTimeFixRate).Value);
        Assert.Equal(66.67m, Fact(facts, ServiceFactsCalculator.FollowUpRate).Value);
        Assert.Equal(75m, Fact(facts, ServiceFactsCalculator.ReportOnTimeRate).Value);
        Assert.Equal([3], Fact(facts, ServiceFactsCalculator.ReportOnTimeRate).EvidenceTicketIds);
        Assert.Equal(8m, Fact(facts, ServiceFactsCalculator.AverageSatisfaction).Value);
        Assert.Equal([7], Fact(facts, ServiceFactsCalculator.ValidComplaints).EvidenceComplaintIds);
        Assert.Equal([4], Fact(facts, ServiceFactsCalculator.RepeatFaults).EvidenceTicketIds);
    }

    [Fact]
    public void Nothing_to_measure_gives_no_value_rather_than_zero()
    {
        var facts = ServiceFactsCalculator.Compute([], []);
        Assert.Null(Fact(facts, ServiceFactsCalculator.FirstTimeFixRate).Value);
        Assert.Null(Fact(facts, ServiceFactsCalculator.AverageSatisfaction).Value);
        Assert.Equal(0m, Fact(facts, ServiceFactsCalculator.TicketsHandled).Value);
    }

    [Fact]
    public void A_report_signed_exactly_at_the_deadline_is_on_time()
    {
        var facts = ServiceFactsCalculator.Compute([Ticket(1, signedAfterResolveH: 24), Ticket(2, signedAfterResolveH: 24.0001)], []);
        Assert.Equal([2], Fact(facts, ServiceFactsCalculator.ReportOnTimeRate).EvidenceTicketIds);
    }

    [Fact]
    public void The_report_deadline_is_the_one_passed_in()
    {
        var facts = ServiceFactsCalculator.Compute([Ticket(1, signedAfterResolveH: 24), Ticket(2, signedAfterResolveH: 47)], [], TimeSpan.FromHours(48));
        Assert.Empty(Fact(facts, ServiceFactsCalculator.ReportOnTimeRate).EvidenceTicketIds);
        Assert.Contains("within 48 h", Fact(facts, ServiceFactsCalculator.ReportOnTimeRate).Formula, StringComparison.Ordinal);
        Assert.Equal([1, 2], Fact(ServiceFactsCalculator.Compute([Ticket(1, signedAfterResolveH: 24), Ticket(2, signedAfterResolveH: 47)], [], TimeSpan.FromHours(12)),
            ServiceFactsCalculator.ReportOnTimeRate).EvidenceTicketIds);
    }

    [Fact]
    public void Rates_stay_within_0_and_100_and_evidence_plus_hits_is_the_population() =>
        Gen.Bool.Array[0, 40].Sample(lates =>
        {
            var tickets = lates.Select((late, i) => Ticket(i + 1, arrivalH: late ? 30 : 10)).ToList();
            var rate = ServiceFactsCalculator.Compute(tickets, []).SingleOrDefault(f => f.Code == "on_time_rate:Arrival");
            return tickets.Count == 0
                ? rate is null
                : rate!.Value is >= 0 and <= 100 && rate.Numerator + rate.EvidenceTicketIds.Count == rate.Denominator;
        });

    [Fact]
    [Trait("Rule", "R-EXP-3")]
    public void Reports_bearing_the_customers_stamp_are_counted_and_listed()
    {
        TicketFact Stamped(int id, bool stamped) => Ticket(id) with { StampedReport = stamped };

        var fact = Fact(ServiceFactsCalculator.Compute([Stamped(1, true), Stamped(2, false), Stamped(3, true)], []), ServiceFactsCalculator.StampedReports);

        Assert.Equal((2m, "count"), (fact.Value!.Value, fact.Unit));
        Assert.Equal([1, 3], fact.EvidenceTicketIds);
    }
}
