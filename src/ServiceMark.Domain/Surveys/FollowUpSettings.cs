using ServiceMark.Domain.Calendars;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Surveys;

/// <summary>
/// The follow-up's own service level (回访时限, R-CMP-2): a closed ticket is to be followed up within
/// <see cref="DueWithin"/> of working time on the business calendar, and a customer's survey link lives
/// <see cref="LinkValidFor"/>. One row for the department, edited by an administrator; every change is audited.
/// </summary>
/// <remarks>
/// Working time, not clock time, because a ticket closed on Friday evening or before the Spring Festival is called
/// on the next working days; a ticket keeps the due time it was given when it was closed, so a later edit does not
/// make yesterday's follow-ups overdue after the fact.
/// </remarks>
public sealed class FollowUpSettings : IVersioned, IAudited
{
    public const int SingletonId = 1;

    // Two working days of the standard week (08:30–12:00, 13:30–17:30: 7.5 working hours a day).
    public static readonly TimeSpan DefaultDueWithin = TimeSpan.FromHours(15);
    public static readonly TimeSpan MinDueWithin = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxDueWithin = TimeSpan.FromHours(240);
    public static readonly TimeSpan MinLinkValidFor = TimeSpan.FromDays(1);
    public static readonly TimeSpan MaxLinkValidFor = TimeSpan.FromDays(90);

    public int Id { get; private set; } = SingletonId;

    /// <summary>Working time after closing within which the follow-up is due.</summary>
    public TimeSpan DueWithin { get; private set; } = DefaultDueWithin;

    /// <summary>How long a customer's one-time survey link can be used.</summary>
    public TimeSpan LinkValidFor { get; private set; } = SurveyLink.DefaultValidity;

    public int Version { get; set; }

    /// <summary>The settings the department starts with.</summary>
    public static FollowUpSettings Default() => new();

    /// <summary>When the follow-up of a ticket closed at <paramref name="closedUtc"/> is due.</summary>
    public DateTime DueAt(DateTime closedUtc, BusinessCalendar calendar) => calendar.AddWorkingTime(closedUtc, DueWithin);

    /// <summary>Whole working hours for <paramref name="dueWithinHours"/>, whole days for the link; each within its bounds.</summary>
    public static FieldErrors Check(int? dueWithinHours, int? linkValidForDays)
    {
        var errors = new FieldErrors();
        if (dueWithinHours is null)
        {
            errors.Add("dueWithinHours", "required", "dueWithinHours is required.");
        }
        else if (dueWithinHours < MinDueWithin.TotalHours || dueWithinHours > MaxDueWithin.TotalHours)
        {
            errors.Add("dueWithinHours", "range", $"dueWithinHours must be between {MinDueWithin.TotalHours:0} and {MaxDueWithin.TotalHours:0} working hours.");
        }

        if (linkValidForDays is null)
        {
            errors.Add("linkValidForDays", "required", "linkValidForDays is required.");
        }
        else if (linkValidForDays < MinLinkValidFor.TotalDays || linkValidForDays > MaxLinkValidFor.TotalDays)
        {
            errors.Add("linkValidForDays", "range", $"linkValidForDays must be between {MinLinkValidFor.TotalDays:0} and {MaxLinkValidFor.TotalDays:0} days.");
        }

        return errors;
    }

    /// <summary>Applies values already accepted by <see cref="Check"/>.</summary>
    public void Update(int dueWithinHours, int linkValidForDays)
    {
        DueWithin = TimeSpan.FromHours(dueWithinHours);
        LinkValidFor = TimeSpan.FromDays(linkValidForDays);
    }
}
