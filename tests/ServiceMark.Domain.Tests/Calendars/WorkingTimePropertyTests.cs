using CsCheck;
using ServiceMark.Domain.Calendars;
using static ServiceMark.Domain.Tests.Calendars.Cn;

namespace ServiceMark.Domain.Tests.Calendars;

[Trait("Rule", "R-SLA-2")]
public sealed class WorkingTimePropertyTests
{
    private const int SecondsIn2025And2026 = 730 * 24 * 60 * 60;
    private const int MaxAmountMinutes = 200 * 60;
    private const long Iterations = 2_000;

    private static readonly DateTime Origin = At(2025, 1, 1);

    /// <summary>Any instant of 2025–2026 (to the second, so that starts fall inside periods, at their edges and between).</summary>
    private static readonly Gen<DateTime> Instant = Gen.Int[0, SecondsIn2025And2026].Select(s => Origin.AddSeconds(s));

    /// <summary>Instants on whole minutes, half of them snapped to a period edge where the interesting cases are.</summary>
    private static readonly Gen<DateTime> EdgeInstant = Gen.Select(Gen.Int[0, 729], Gen.Int[0, 5], Gen.Int[-1, 1])
        .Select((day, edge, nudge) => At(2025, 1, 1).AddDays(day) + edge switch
        {
            0 => TimeSpan.FromHours(8.5),
            1 => TimeSpan.FromHours(12),
            2 => TimeSpan.FromHours(13.5),
            3 => TimeSpan.FromHours(17.5),
            4 => TimeSpan.Zero,
            _ => TimeSpan.FromHours(12.75),
        } + TimeSpan.FromMinutes(nudge));

    private static readonly Gen<DateTime> AnyStart = Gen.OneOf(Instant, EdgeInstant);

    private static readonly Gen<TimeSpan> Amount = Gen.Int[0, MaxAmountMinutes].Select(m => TimeSpan.FromMinutes(m));

    [Fact]
    public void Measuring_from_the_start_to_the_due_time_gives_back_the_amount() =>
        Gen.Select(AnyStart, Amount).Sample((start, amount) =>
            Calendar.WorkingTimeBetween(start, Calendar.AddWorkingTime(start, amount)) == amount, iter: Iterations);

    [Fact]
    public void A_positive_amount_is_due_inside_a_working_period_never_at_its_start() =>
        Gen.Select(AnyStart, Gen.Int[1, MaxAmountMinutes]).Sample((start, minutes) =>
        {
            var due = Local(Calendar.AddWorkingTime(start, TimeSpan.FromMinutes(minutes)));
            var time = TimeOnly.FromDateTime(due);
            return Calendar.WorkingPeriodsOn(DateOnly.FromDateTime(due)).Any(p => p.Start < time && time <= p.End);
        }, iter: Iterations);

    [Fact]
    public void More_working_time_is_never_due_earlier() =>
        Gen.Select(AnyStart, Amount, Amount).Sample((start, a, b) =>
        {
            var (small, large) = a <= b ? (a, b) : (b, a);
            return Calendar.AddWorkingTime(start, small) <= Calendar.AddWorkingTime(start, large);
        }, iter: Iterations);

    [Fact]
    public void Due_time_is_not_before_the_start() =>
        Gen.Select(AnyStart, Amount).Sample((start, amount) => Calendar.AddWorkingTime(start, amount) >= start, iter: Iterations);

    [Fact]
    public void Working_time_between_is_additive() =>
        Gen.Select(AnyStart, AnyStart, AnyStart).Sample((x, y, z) =>
        {
            DateTime[] sorted = [x, y, z];
            Array.Sort(sorted);
            var (a, b, c) = (sorted[0], sorted[1], sorted[2]);
            return Calendar.WorkingTimeBetween(a, b) + Calendar.WorkingTimeBetween(b, c) == Calendar.WorkingTimeBetween(a, c);
        }, iter: Iterations);

    [Fact]
    public void Working_time_between_matches_counting_minute_by_minute() =>
        // The slow obvious definition, on whole minutes, as an oracle for the day-skipping one.
        Gen.Select(Gen.Int[0, 729 * 24 * 60], Gen.Int[0, 4 * 24 * 60]).Sample((startMinute, lengthMinutes) =>
        {
            var from = Origin.AddMinutes(startMinute);
            var to = from.AddMinutes(lengthMinutes);
            var expected = 0;
            for (var t = from; t < to; t = t.AddMinutes(1))
            {
                var local = Local(t);
                var time = TimeOnly.FromDateTime(local);
                if (Calendar.WorkingPeriodsOn(DateOnly.FromDateTime(local)).Any(p => p.Start <= time && time < p.End))
                {
                    expected++;
                }
            }

            return Calendar.WorkingTimeBetween(from, to) == TimeSpan.FromMinutes(expected);
        }, iter: 200);

    [Fact]
    public void Adding_in_two_steps_is_adding_at_once() =>
        Gen.Select(AnyStart, Amount, Amount).Sample((start, first, second) =>
            Calendar.AddWorkingTime(Calendar.AddWorkingTime(start, first), second) == Calendar.AddWorkingTime(start, first + second), iter: Iterations);
}
