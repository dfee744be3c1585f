using CsCheck;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Tests.Common;

public sealed class ReminderScheduleTests
{
    private static readonly DateOnly Due = new(2026, 12, 1);

    [Fact]
    public void The_first_round_is_on_the_first_overdue_day_and_the_next_ones_every_repeat_days()
    {
        Assert.Null(ReminderSchedule.RoundOf(Due, Due.AddDays(-1), 7));
        Assert.Equal(0, ReminderSchedule.RoundOf(Due, Due, 7));
        Assert.Equal(0, ReminderSchedule.RoundOf(Due, Due.AddDays(6), 7));
        Assert.Equal(1, ReminderSchedule.RoundOf(Due, Due.AddDays(7), 7));
        Assert.Equal(5, ReminderSchedule.RoundOf(Due, Due.AddDays(5), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReminderSchedule.RoundOf(Due, Due, 0));
    }

    /// <summary>Day by day, the round never goes back and steps by at most one: each round is reminded once, none skipped.</summary>
    [Fact]
    public void Rounds_rise_one_at_a_time_and_each_lasts_repeat_days() =>
        Gen.Select(Gen.Int[0, 2_000], Gen.Int[ReminderSchedule.MinRepeatDays, ReminderSchedule.MaxRepeatDays]).Sample((day, repeat) =>
        {
            var (today, next) = (ReminderSchedule.RoundOf(Due, Due.AddDays(day), repeat)!.Value, ReminderSchedule.RoundOf(Due, Due.AddDays(day + 1), repeat)!.Value);
            var days = Enumerable.Range(0, day + 1).Count(d => ReminderSchedule.RoundOf(Due, Due.AddDays(d), repeat) == today);
            return next - today is 0 or 1 && days <= repeat && (next == today || days == repeat);
        });
}
