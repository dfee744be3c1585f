using CsCheck;
using ServiceMark.Domain.ServiceFacts;

namespace ServiceMark.Domain.Tests.ServiceFacts;

/// <summary>The accumulator (scoring many people) must give exactly the calculator's facts (one view of the facts).</summary>
[Trait("Rule", "R-ASM-10")]
public sealed class ServiceFactsAccumulatorTests
{
    private static readonly DateTime T0 = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Targets = ["Arrival", "FirstResponse", "Resolution"];

    /// <summary>Random tickets: times in odd fractions of hours (the decimal sums must match), some missing, some targets unmet.</summary>
    private static readonly Gen<TicketFact> Tickets =
        Gen.Select(Gen.Int[0, 500_000_000].Array[4], Gen.Bool.Array[9], Gen.Int[1, 10], Gen.Int[0, 3]).Select((minutes, flags, score, targets) =>
        {
            DateTime? At(int i, bool present) => present ? T0.AddSeconds(minutes[i] / 7.0) : null;
            var resolved = At(2, flags[2]);
            return new TicketFact(0, "", T0, At(0, flags[0]), At(1, flags[1]), resolved, flags[3] ? T0.AddDays(3) : null,
                resolved is { } r && flags[4] ? r.AddSeconds(minutes[3] / 300.0) : null, flags[5], flags[6], flags[7],
                Targets.Take(targets).Select((t, i) => new TargetOutcome(t, T0.AddHours(24 * (i + 1)), flags[8] || i == 0 ? T0.AddSeconds(minutes[i] / 3.0) : null)).ToList(),
                flags[8] ? score : null);
        });

    private static List<TicketFact> Numbered(TicketFact[] tickets) => tickets.Select((t, i) => t with { TicketId = i + 1, Number = $"T{i + 1}" }).ToList();

    private static IReadOnlyList<ServiceFact> Accumulate(List<TicketFact> tickets, ComplaintFact[] complaints, Func<string, bool>? evidence = null)
    {
        var sum = new ServiceFactsAccumulator(evidence);
        foreach (var t in Enumerable.Reverse(tickets)) // any order: evidence comes out in id order
        {
            sum.AddTicket(new TicketTally(t.TicketId, t.ReportedAtUtc, t.FirstResponseAtUtc, t.ArrivedAtUtc, t.ResolvedAtUtc, t.ClosedAtUtc is not null,
                t.ReportSignedAtUtc, t.FollowedUp, t.IsRepeatFault, t.WasReopened, t.Satisfaction));
            foreach (var target in t.Targets)
            {
                sum.AddTarget(t.TicketId, target.Target, target.MetAtUtc is not null, target.MetOnTime);
            }
        }

        foreach (var c in complaints)
        {
            sum.AddComplaint(c);
        }

        return sum.ToFacts();
    }

    private static readonly Gen<ComplaintFact[]> Complaints = Gen.Select(Gen.Int[1, 1000], Gen.Bool).Select((id, valid) => new ComplaintFact(id, valid)).Array[0, 4];

    [Fact]
    public void Every_fact_equals_the_calculators() =>
        Gen.Select(Tickets.Array[0, 30], Complaints).Sample((tickets, complaints) =>
        {
            var numbered = Numbered(tickets);
            var expected = ServiceFactsCalculator.Compute(numbered, complaints);
            var actual = Accumulate(numbered, complaints);
            Assert.Equal(expected.Select(f => f.Code), actual.Select(f => f.Code));
            foreach (var (e, a) in expected.Zip(actual))
            {
                Assert.Equal((e.Code, e.Value, e.Unit, e.Numerator, e.Denominator, e.Formula), (a.Code, a.Value, a.Unit, a.Numerator, a.Denominator, a.Formula));
                Assert.Equal(e.EvidenceTicketIds, a.EvidenceTicketIds);
                Assert.Equal(e.EvidenceComplaintIds, a.EvidenceComplaintIds);
            }
        });

    [Fact]
    public void Evidence_is_kept_only_for_the_codes_asked_for_and_values_do_not_change() =>
        Gen.Select(Tickets.Array[1, 30], Complaints).Sample((tickets, complaints) =>
        {
            var numbered = Numbered(tickets);
            var all = Accumulate(numbered, complaints);
            var some = Accumulate(numbered, complaints, code => code == ServiceFactsCalculator.FollowUpRate);
            Assert.Equal(all.Select(f => (f.Code, f.Value, f.Numerator, f.Denominator)), some.Select(f => (f.Code, f.Value, f.Numerator, f.Denominator)));
            Assert.All(some.Where(f => f.Code != ServiceFactsCalculator.FollowUpRate), f => Assert.Empty(f.EvidenceTicketIds));
            Assert.Equal(all.Single(f => f.Code == ServiceFactsCalculator.FollowUpRate).EvidenceTicketIds,
                some.Single(f => f.Code == ServiceFactsCalculator.FollowUpRate).EvidenceTicketIds);
        });
}
