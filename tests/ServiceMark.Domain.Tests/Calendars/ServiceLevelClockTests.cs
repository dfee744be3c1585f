using CsCheck;
using ServiceMark.Domain.Calendars;
using static ServiceMark.Domain.Tests.Calendars.Cn;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-3")]
public sealed class ServiceLevelClockTests
{
    private const string WaitingForCustomer = "等待客户确认";
    private const string WaitingForSupplier = "等待供应商";

    // Friday 6 March 2026 17:00 to Monday 9 March 09:00: a weekend-long wait for the customer.
    private static readonly ClockPause OverTheWeekend = new(At(2026, 3, 6, 17, 0), At(2026, 3, 9, 9, 0), WaitingForCustomer);

    private static ServiceLevelClock Working(DateTime start, TimeSpan target, params ClockPause[] pauses) =>
        new(start, target, ServiceLevelBasis.WorkingTime, Calendar, pauses);

    private static ServiceLevelClock Clock(DateTime start, TimeSpan target, params ClockPause[] pauses) =>
        new(start, target, ServiceLevelBasis.ClockTime, null, pauses);

    [Fact]
    public void A_pause_over_the_weekend_costs_only_the_working_time_inside_it()
    {
        var clock = Working(At(2026, 3, 6, 10, 0), Hours(8), OverTheWeekend);

        // 30 minutes on Friday (17:00–17:30) and 30 on Monday (08:30–09:00), not 64 hours.
        Assert.Equal(Hours(1), clock.PausedTime(At(2026, 3, 9, 12, 0)));

        // Without the pause 8 h from Friday 10:00 is Monday 10:30; the pause pushes it out by that one hour.
        Assert.Equal(At(2026, 3, 9, 10, 30), Calendar.AddWorkingTime(At(2026, 3, 6, 10, 0), Hours(8)));
        Assert.Equal(At(2026, 3, 9, 11, 30), clock.DueUtc(At(2026, 3, 9, 12, 0)));
        Assert.Equal(Hours(5.5 + 3), clock.Elapsed(At(2026, 3, 9, 12, 0)));
        Assert.Equal(Hours(-0.5), clock.Remaining(At(2026, 3, 9, 12, 0)));
        Assert.True(clock.IsBreached(At(2026, 3, 9, 12, 0)));
    }

    [Fact]
    public void A_clock_hours_target_counts_the_whole_pause()
    {
        var clock = Clock(At(2026, 3, 6, 10, 0), Hours(24), OverTheWeekend);
        Assert.Equal(Hours(64), clock.PausedTime(At(2026, 3, 9, 12, 0)));

        // 7 h before the pause, 17 h after it: Tuesday 02:00 instead of Saturday 10:00.
        Assert.Equal(At(2026, 3, 10, 2, 0), clock.DueUtc(At(2026, 3, 9, 12, 0)));
        Assert.Equal(Hours(7 + 3), clock.Elapsed(At(2026, 3, 9, 12, 0)));
    }

    [Fact]
    public void A_pause_over_a_holiday_week_costs_only_the_working_time_inside_it()
    {
        var clock = Working(At(2026, 9, 30, 9, 0), Hours(16), new ClockPause(At(2026, 9, 30, 17, 0), At(2026, 10, 8, 9, 0), WaitingForSupplier));
        Assert.Equal(Hours(1), clock.PausedTime(At(2026, 10, 9)));
        Assert.Equal(Calendar.AddWorkingTime(At(2026, 9, 30, 9, 0), Hours(17)), clock.DueUtc(At(2026, 10, 9)));
    }

    [Fact]
    public void An_open_pause_stops_the_clock()
    {
        var clock = Working(At(2026, 3, 10, 9, 0), Hours(4), new ClockPause(At(2026, 3, 10, 10, 0), null, WaitingForSupplier));
        foreach (var now in new[] { At(2026, 3, 10, 15, 0), At(2026, 3, 11, 15, 0), At(2026, 3, 20, 11, 0) })
        {
            Assert.True(clock.IsPaused(now));
            Assert.Equal(Hours(1), clock.Elapsed(now));
            Assert.Equal(Hours(3), clock.Remaining(now));
            Assert.False(clock.IsBreached(now));
        }

        // While paused the due time is a projection: three more working hours if the clock resumed now.
        Assert.Equal(At(2026, 3, 12, 9, 0), clock.DueUtc(At(2026, 3, 11, 15, 0)));
        Assert.False(clock.IsPaused(At(2026, 3, 10, 9, 59)));
    }

    [Fact]
    public void A_pause_after_the_target_was_used_up_does_not_rescue_a_breach()
    {
        var clock = Working(At(2026, 3, 10, 9, 0), Hours(1), new ClockPause(At(2026, 3, 10, 11, 0), null, WaitingForCustomer));
        Assert.Equal(At(2026, 3, 10, 10, 0), clock.DueUtc(At(2026, 3, 11)));
        Assert.True(clock.IsBreached(At(2026, 3, 11)));
        Assert.Equal(Hours(-1), clock.Remaining(At(2026, 3, 11)));
    }

    /// <summary>
    /// The target is used up at the very instant the wait begins: it was due then, and the wait that follows does not move
    /// the due time nor rescue the breach (an engineer who parks the ticket exactly at the deadline does not buy time).
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_target_used_up_exactly_when_a_wait_begins_is_due_then(bool working)
    {
        var wait = new ClockPause(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 15, 0), WaitingForCustomer);
        var clock = working ? Working(At(2026, 3, 10, 9, 0), Hours(1), wait) : Clock(At(2026, 3, 10, 9, 0), Hours(1), wait);
        foreach (var now in new[] { At(2026, 3, 10, 10, 0), At(2026, 3, 10, 12, 0), At(2026, 3, 10, 16, 0) })
        {
            Assert.Equal(At(2026, 3, 10, 10, 0), clock.DueUtc(now));
        }

        Assert.False(clock.IsBreached(At(2026, 3, 10, 10, 0)));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(At(2026, 3, 10, 12, 0))); // paused: nothing more elapses, and nothing is left
        Assert.True(clock.IsBreached(At(2026, 3, 10, 12, 0)));
        Assert.True(clock.IsBreached(At(2026, 3, 10, 16, 0)));
        Assert.Equal(TimeSpan.FromHours(-1), clock.Remaining(At(2026, 3, 10, 16, 0)));
    }

    [Fact]
    public void The_due_time_itself_is_on_time_and_a_moment_later_is_breached()
    {
        var clock = Working(At(2026, 3, 10, 9, 0), Hours(1));
        Assert.False(clock.IsBreached(At(2026, 3, 10, 10, 0)));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(At(2026, 3, 10, 10, 0)));
        Assert.True(clock.IsBreached(At(2026, 3, 10, 10, 1)));
        Assert.Equal(TimeSpan.FromMinutes(-1), clock.Remaining(At(2026, 3, 10, 10, 1)));
    }

    [Fact]
    public void Overdue_working_time_does_not_grow_over_the_weekend_but_the_breach_stands()
    {
        var clock = Working(At(2026, 3, 6, 16, 0), Hours(1.5));
        Assert.Equal(At(2026, 3, 6, 17, 30), clock.DueUtc(At(2026, 3, 7, 10, 0)));
        Assert.True(clock.IsBreached(At(2026, 3, 7, 10, 0)));
        Assert.Equal(TimeSpan.Zero, clock.Remaining(At(2026, 3, 7, 10, 0)));
        Assert.Equal(Hours(-1), clock.Remaining(At(2026, 3, 9, 9, 30)));
    }

    [Fact]
    public void Pauses_that_have_not_happened_yet_are_ignored()
    {
        var clock = Working(At(2026, 3, 6, 10, 0), Hours(8), OverTheWeekend);
        Assert.Equal(At(2026, 3, 9, 10, 30), clock.DueUtc(At(2026, 3, 6, 16, 0)));
        Assert.False(clock.IsPaused(At(2026, 3, 6, 16, 0)));
        Assert.True(clock.IsPaused(At(2026, 3, 7, 16, 0)));
    }

    [Fact]
    public void A_zero_target_is_due_at_the_start()
    {
        var clock = Working(At(2026, 3, 7, 10, 0), TimeSpan.Zero);
        Assert.Equal(At(2026, 3, 7, 10, 0), clock.DueUtc(At(2026, 3, 7, 10, 0)));
        Assert.False(clock.IsBreached(At(2026, 3, 7, 10, 0)));
    }

    [Fact]
    public void Before_the_start_nothing_has_elapsed()
    {
        var clock = Working(At(2026, 3, 10, 9, 0), Hours(2));
        var reading = clock.Read(At(2026, 3, 10, 8, 0));
        Assert.Equal(TimeSpan.Zero, reading.Elapsed);
        Assert.Equal(Hours(2), reading.Remaining);
        Assert.Empty(reading.Timeline);
        Assert.Equal(At(2026, 3, 10, 11, 0), reading.DueUtc);
    }

    [Fact]
    public void The_timeline_shows_running_lunch_the_pause_and_running_again()
    {
        var clock = Working(At(2026, 3, 6, 10, 0), Hours(8), OverTheWeekend);
        Assert.Equal(
        [
            new ClockSegment(ClockSegmentKind.Running, At(2026, 3, 6, 10, 0), At(2026, 3, 6, 12, 0)),
            new ClockSegment(ClockSegmentKind.OutsideWorkingTime, At(2026, 3, 6, 12, 0), At(2026, 3, 6, 13, 30)),
            new ClockSegment(ClockSegmentKind.Running, At(2026, 3, 6, 13, 30), At(2026, 3, 6, 17, 0)),
            new ClockSegment(ClockSegmentKind.Paused, At(2026, 3, 6, 17, 0), At(2026, 3, 9, 9, 0), WaitingForCustomer),
            new ClockSegment(ClockSegmentKind.Running, At(2026, 3, 9, 9, 0), At(2026, 3, 9, 12, 0)),
            new ClockSegment(ClockSegmentKind.OutsideWorkingTime, At(2026, 3, 9, 12, 0), At(2026, 3, 9, 12, 10)),
        ], clock.Timeline(At(2026, 3, 9, 12, 10)));
    }

    [Fact]
    public void A_clock_hours_timeline_has_no_outside_working_time()
    {
        var clock = Clock(At(2026, 3, 6, 10, 0), Hours(24), OverTheWeekend);
        Assert.Equal(
        [
            new ClockSegment(ClockSegmentKind.Running, At(2026, 3, 6, 10, 0), At(2026, 3, 6, 17, 0)),
            new ClockSegment(ClockSegmentKind.Paused, At(2026, 3, 6, 17, 0), At(2026, 3, 9, 9, 0), WaitingForCustomer),
            new ClockSegment(ClockSegmentKind.Running, At(2026, 3, 9, 9, 0), At(2026, 3, 9, 12, 0)),
        ], clock.Timeline(At(2026, 3, 9, 12, 0)));
    }

    [Fact]
    public void Back_to_back_pauses_keep_their_own_reasons()
    {
        var clock = Working(At(2026, 3, 10, 9, 0), Hours(8),
            new ClockPause(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 11, 0), WaitingForCustomer),
            new ClockPause(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 14, 0), WaitingForSupplier));
        var paused = clock.Timeline(At(2026, 3, 10, 15, 0)).Where(s => s.Kind == ClockSegmentKind.Paused).ToArray();
        Assert.Equal([WaitingForCustomer, WaitingForSupplier], paused.Select(s => s.Reason));
        Assert.Equal(Hours(1 + 1 + 0.5), clock.PausedTime(At(2026, 3, 10, 15, 0)));
    }

    [Fact]
    public void Inconsistent_pauses_are_programming_errors()
    {
        var start = At(2026, 3, 10, 9, 0);
        Assert.Throws<ArgumentException>(() => Working(start, Hours(1),
            new ClockPause(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 12, 0), WaitingForCustomer),
            new ClockPause(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 13, 0), WaitingForSupplier)));
        Assert.Throws<ArgumentException>(() => Working(start, Hours(1),
            new ClockPause(At(2026, 3, 10, 10, 0), null, WaitingForCustomer),
            new ClockPause(At(2026, 3, 10, 11, 0), At(2026, 3, 10, 13, 0), WaitingForSupplier)));
        Assert.Throws<ArgumentException>(() => Working(start, Hours(1), new ClockPause(At(2026, 3, 10, 10, 0), At(2026, 3, 10, 9, 0), WaitingForCustomer)));
        Assert.Throws<ArgumentException>(() => Working(start, Hours(1), new ClockPause(At(2026, 3, 10, 10, 0), null, " ")));
        Assert.Throws<ArgumentException>(() => new ServiceLevelClock(start, Hours(1), ServiceLevelBasis.WorkingTime));
        Assert.ThrowsAny<ArgumentException>(() => Working(start, Hours(-1)));
    }

    /// <summary>A clock with up to four random pauses (the last possibly open) over a fortnight of 2026.</summary>
    private static readonly Gen<(ServiceLevelClock Clock, DateTime Now)> RandomClock =
        Gen.Select(Gen.Int[0, 360 * 24 * 60], Gen.Int[0, 40 * 60], Gen.Int[0, 14 * 24 * 60].Array[0, 8], Gen.Bool, Gen.Bool, Gen.Int[0, 20 * 24 * 60])
            .Select((startMinute, targetMinutes, cuts, lastOpen, workingTime, nowMinute) =>
            {
                var start = At(2026, 1, 1).AddMinutes(startMinute);
                var points = cuts.Distinct().Order().Select(m => start.AddMinutes(m)).ToArray();
                var pauses = new List<ClockPause>();
                for (var i = 0; i + 1 < points.Length; i += 2)
                {
                    pauses.Add(new ClockPause(points[i], points[i + 1], i % 4 == 0 ? WaitingForCustomer : WaitingForSupplier));
                }

                if (lastOpen && points.Length % 2 == 1)
                {
                    pauses.Add(new ClockPause(points[^1], null, WaitingForSupplier));
                }

                var clock = workingTime
                    ? Working(start, TimeSpan.FromMinutes(targetMinutes), [.. pauses])
                    : Clock(start, TimeSpan.FromMinutes(targetMinutes), [.. pauses]);
                return (clock, start.AddMinutes(nowMinute));
            });

    [Fact]
    public void The_timeline_covers_start_to_now_without_gaps_and_its_running_time_is_the_elapsed_time() =>
        RandomClock.Sample((clock, now) =>
        {
            var timeline = clock.Timeline(now);
            if (now <= clock.StartUtc)
            {
                return timeline.Count == 0;
            }

            var contiguous = timeline[0].StartUtc == clock.StartUtc && timeline[^1].EndUtc == now
                && timeline.Zip(timeline.Skip(1)).All(p => p.First.EndUtc == p.Second.StartUtc)
                && timeline.All(s => s.EndUtc > s.StartUtc);
            var running = timeline.Where(s => s.Kind == ClockSegmentKind.Running).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Length);
            return contiguous && running == clock.Elapsed(now);
        });

    [Fact]
    public void The_target_is_used_up_exactly_at_the_due_time_and_not_a_moment_earlier() =>
        RandomClock.Sample((clock, _) =>
        {
            var due = clock.DueUtc(clock.StartUtc.AddYears(1));
            if (clock.Pauses.Any(p => p.IsOpen && p.StartUtc < due))
            {
                return true; // an open pause before the due time: the due time is only a projection
            }

            return clock.Elapsed(due) == clock.Target
                && (clock.Target == TimeSpan.Zero || clock.Elapsed(due.AddTicks(-1)) < clock.Target)
                && clock.Remaining(due) == TimeSpan.Zero
                && !clock.IsBreached(due)
                && clock.IsBreached(due.AddTicks(1));
        });

    [Fact]
    public void Paused_and_elapsed_time_add_up_to_the_counted_time_since_the_start() =>
        RandomClock.Sample((clock, now) =>
        {
            var counted = clock.Basis == ServiceLevelBasis.WorkingTime
                ? Calendar.WorkingTimeBetween(clock.StartUtc, now)
                : (now > clock.StartUtc ? now - clock.StartUtc : TimeSpan.Zero);
            var reading = clock.Read(now);
            return reading.Elapsed + reading.PausedTime == counted && reading.Remaining == clock.Target - reading.Elapsed;
        });
}
