using CsCheck;
using ServiceMark.Domain.ServiceLevels;

namespace ServiceMark.Domain.Tests.ServiceLevels;

[Trait("Rule", "R-SLA-4")]
public sealed class SlaAlertingTests
{
    private static readonly DateTime Due = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan WarnBefore = TimeSpan.FromHours(2);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    private static readonly (string Name, DateTime Value)[] Nows =
    [
        ("long before the window", Due - TimeSpan.FromDays(1)),
        ("1 tick before the window", Due - WarnBefore - Tick),
        ("window opens", Due - WarnBefore),
        ("inside the window", Due - TimeSpan.FromHours(1)),
        ("1 tick before due", Due - Tick),
        ("exactly at due", Due),
        ("1 tick after due", Due + Tick),
        ("long after due", Due + TimeSpan.FromDays(3)),
    ];

    private static readonly (string Name, DateTime? Value)[] MetAts =
    [
        ("not met", null),
        ("met well before due", Due - TimeSpan.FromHours(5)),
        ("met 1 tick before due", Due - Tick),
        ("met exactly at due", Due),
        ("met 1 tick late", Due + Tick),
        ("met a day late", Due + TimeSpan.FromDays(1)),
    ];

    public static TheoryData<string, string, bool, bool> AllCombinations()
    {
        var data = new TheoryData<string, string, bool, bool>();
        foreach (var (now, _) in Nows)
        {
            foreach (var (met, _) in MetAts)
            {
                foreach (var warned in new[] { false, true })
                {
                    foreach (var escalated in new[] { false, true })
                    {
                        data.Add(now, met, warned, escalated);
                    }
                }
            }
        }

        return data;
    }

    /// <summary>
    /// Each combination of now × met × warned × escalated (8 × 6 × 2 × 2 = 192) against the rule stated in words:
    /// met on time → nothing; already escalated → nothing; at or past due and not met on time → escalate;
    /// inside the warning window, not warned yet → warn; otherwise nothing. A met time in the future of now is
    /// kept in the table because a job may see a clock skewed against the recorded time.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllCombinations))]
    public void Every_combination_follows_the_rule(string nowName, string metName, bool warned, bool escalated)
    {
        var now = Nows.Single(n => n.Name == nowName).Value;
        var met = MetAts.Single(m => m.Name == metName).Value;

        var metOnTime = met is { } m && m <= Due;
        var inWindow = now >= Due - WarnBefore && now < Due;
        var expected =
            metOnTime || escalated ? SlaAlert.None
            : now >= Due ? SlaAlert.Escalate
            : inWindow && !warned ? SlaAlert.Warn
            : SlaAlert.None;

        Assert.Equal(expected, SlaAlerting.Decide(Due, met, now, WarnBefore, warned, escalated));
    }

    [Fact]
    public void Boundaries_spelled_out()
    {
        Assert.Equal(SlaAlert.None, SlaAlerting.Decide(Due, null, Due - WarnBefore - Tick, WarnBefore, false, false));
        Assert.Equal(SlaAlert.Warn, SlaAlerting.Decide(Due, null, Due - WarnBefore, WarnBefore, false, false));
        Assert.Equal(SlaAlert.Warn, SlaAlerting.Decide(Due, null, Due - Tick, WarnBefore, false, false));
        Assert.Equal(SlaAlert.Escalate, SlaAlerting.Decide(Due, null, Due, WarnBefore, false, false));
        Assert.Equal(SlaAlert.Escalate, SlaAlerting.Decide(Due, null, Due, WarnBefore, true, false));
        Assert.Equal(SlaAlert.None, SlaAlerting.Decide(Due, Due, Due + Tick, WarnBefore, false, false));
        Assert.Equal(SlaAlert.Escalate, SlaAlerting.Decide(Due, Due + Tick, Due + Tick, WarnBefore, true, false));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void No_warning_window_means_only_escalation(int warnMinutes)
    {
        var warn = TimeSpan.FromMinutes(warnMinutes);
        Assert.Equal(SlaAlert.None, SlaAlerting.Decide(Due, null, Due - Tick, warn, false, false));
        Assert.Equal(SlaAlert.Escalate, SlaAlerting.Decide(Due, null, Due, warn, false, false));
    }

    [Fact]
    public void A_huge_warning_window_near_the_start_of_time_does_not_overflow() =>
        Assert.Equal(SlaAlert.Warn,
            SlaAlerting.Decide(DateTime.MinValue.AddHours(1), null, DateTime.MinValue, TimeSpan.MaxValue, false, false));

    /// <summary>
    /// The job as it runs: at arbitrary times, recording what it did. Whatever the schedule, it warns at most once,
    /// escalates exactly once if the target was missed and it ran at or after due, and never alerts a target met on time.
    /// </summary>
    [Fact]
    public void A_job_running_at_any_times_alerts_at_most_once_each()
    {
        var runs = Gen.Int[-600, 600].Array[0, 30].Select(minutes => minutes.Order().Select(m => Due.AddMinutes(m)).ToArray());
        var metAt = Gen.Int[-600, 600].Select(m => Due.AddMinutes(m)).Nullable(0.3);
        Gen.Select(runs, metAt, Gen.Int[0, 300]).Sample((times, met, warnMinutes) =>
        {
            bool warned = false, escalated = false;
            int warnings = 0, escalations = 0;
            foreach (var now in times)
            {
                var known = met is { } m && m <= now ? met : null; // the job only knows what was recorded by then
                switch (SlaAlerting.Decide(Due, known, now, TimeSpan.FromMinutes(warnMinutes), warned, escalated))
                {
                    case SlaAlert.Warn:
                        warnings++;
                        warned = true;
                        break;
                    case SlaAlert.Escalate:
                        escalations++;
                        escalated = true;
                        break;
                }
            }

            var missed = met is not { } mm || mm > Due;
            var ranAfterDue = times.Any(t => t >= Due);
            return warnings <= 1 && escalations == (missed && ranAfterDue ? 1 : 0);
        });
    }
}
