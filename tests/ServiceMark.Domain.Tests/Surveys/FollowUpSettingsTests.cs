using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Surveys;
using ServiceMark.Domain.Tests.Calendars;

namespace ServiceMark.Domain.Tests.Surveys;

[Trait("Rule", "R-CMP-2")]
public sealed class FollowUpSettingsTests
{
    [Fact]
    public void A_follow_up_is_due_two_working_days_after_closing_by_default_so_a_weekend_does_not_count()
    {
        var settings = FollowUpSettings.Default();
        var closedFridayEvening = Cn.At(2026, 12, 4, 19, 0);
        var due = settings.DueAt(closedFridayEvening, Cn.Calendar);
        Assert.Equal(Cn.At(2026, 12, 8, 17, 30), due);
        Assert.Equal(TimeSpan.FromHours(15), Cn.Calendar.WorkingTimeBetween(closedFridayEvening, due));
    }

    [Theory]
    [InlineData(null, 14, "dueWithinHours", "required")]
    [InlineData(0, 14, "dueWithinHours", "range")]
    [InlineData(241, 14, "dueWithinHours", "range")]
    [InlineData(16, null, "linkValidForDays", "required")]
    [InlineData(16, 0, "linkValidForDays", "range")]
    [InlineData(16, 91, "linkValidForDays", "range")]
    public void Values_outside_their_bounds_are_refused_naming_the_field(int? hours, int? days, string field, string code)
    {
        var error = Assert.Single(FollowUpSettings.Check(hours, days).All);
        Assert.Equal((field, code), (error.Field, error.Code));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(240, 90)]
    public void The_bounds_themselves_are_accepted_and_applied(int hours, int days)
    {
        Assert.False(FollowUpSettings.Check(hours, days).Any);
        var settings = FollowUpSettings.Default();
        settings.Update(hours, days);
        Assert.Equal((TimeSpan.FromHours(hours), TimeSpan.FromDays(days)), (settings.DueWithin, settings.LinkValidFor));
    }
}
