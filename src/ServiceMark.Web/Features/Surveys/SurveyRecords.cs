using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Domain.Surveys;

namespace ServiceMark.Web.Features.Surveys;

/// <summary>How a satisfaction survey was answered (R-CMP-2).</summary>
public enum SurveyMethod
{
    /// <summary>A specialist called the customer and entered the answers.</summary>
    Phone,

    /// <summary>The customer answered through a one-time link, without an account.</summary>
    Link,
}

/// <summary>The answers of the satisfaction follow-up (回访) of one closed ticket (R-CMP-2): at most one per ticket.</summary>
public sealed class SatisfactionSurvey : IAudited
{
    /// <summary>Who answered through a link: the customer has no person id or account.</summary>
    public const string Customer = "customer";

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public SurveyMethod Method { get; private set; }
    public List<SurveyRatingRow> Ratings { get; private set; } = [];
    public bool ProblemSolved { get; private set; }
    public string? Comment { get; private set; }
    public DateTime AnsweredAtUtc { get; private set; }

    /// <summary>The specialist who took a phone survey; null for a link.</summary>
    public int? AnsweredByPersonId { get; private set; }

    /// <summary>The specialist's user name, or <see cref="Customer"/>.</summary>
    public string AnsweredBy { get; private set; } = "";

    public int? SurveyLinkId { get; private set; }
    public bool IsLow { get; private set; }

    /// <summary>Why the answers are low, one reason a line; null when they are not.</summary>
    public string? LowReasons { get; private set; }

    private SatisfactionSurvey()
    {
    }

    /// <summary>Records answers that <see cref="SurveyRules.Check"/> accepted.</summary>
    public static SatisfactionSurvey Record(int ticketId, SurveyMethod method, SurveyAnswers answers, SurveyThresholds thresholds, DateTime nowUtc,
        int? byPersonId, string by, int? linkId)
    {
        var reasons = SurveyRules.LowReasons(answers, thresholds);
        return new SatisfactionSurvey
        {
            TicketId = ticketId,
            Method = method,
            Ratings = answers.Ratings.Select(r => new SurveyRatingRow(r.Question, r.Scale, r.Value)).ToList(),
            ProblemSolved = answers.ProblemSolved ?? false,
            Comment = string.IsNullOrWhiteSpace(answers.Comment) ? null : answers.Comment.Trim(),
            AnsweredAtUtc = nowUtc,
            AnsweredByPersonId = byPersonId,
            AnsweredBy = by,
            SurveyLinkId = linkId,
            IsLow = reasons.Count > 0,
            LowReasons = reasons.Count > 0 ? string.Join("\n", reasons) : null,
        };
    }

    public int? ValueOf(string question) => Ratings.FirstOrDefault(r => r.Question == question)?.Value;
}

/// <summary>One rated question of a survey, as a row: sums and orders the same on SQLite and PostgreSQL.</summary>
public sealed class SurveyRatingRow
{
    public int Id { get; private set; }
    public int SurveyId { get; private set; }
    public string Question { get; private set; } = "";
    public SurveyScale Scale { get; private set; }
    public int Value { get; private set; }

    private SurveyRatingRow()
    {
    }

    public SurveyRatingRow(string question, SurveyScale scale, int value)
    {
        Question = question;
        Scale = scale;
        Value = value;
    }
}

public enum FollowUpTaskStatus
{
    Open,
    Done,
}

/// <summary>"A low rating opens a follow-up task" (R-CMP-2): a specialist calls the customer back and notes the outcome.</summary>
public sealed class FollowUpTask : IAudited, IVersioned
{
    public const int ReasonMaxLength = 2000;
    public const int NoteMaxLength = 2000;

    public int Id { get; private set; }
    public int TicketId { get; private set; }
    public int? SurveyId { get; private set; }

    /// <summary>The low survey that opened the task, when one did.</summary>
    public SatisfactionSurvey? Survey { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>The role whose members work the task.</summary>
    public string AssignedRole { get; private set; } = RoleNames.Specialist;

    public FollowUpTaskStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? DoneAtUtc { get; private set; }
    public string? DoneBy { get; private set; }
    public string? Note { get; private set; }
    public int Version { get; set; }

    private FollowUpTask()
    {
    }

    public static FollowUpTask Open(int ticketId, SatisfactionSurvey? survey, string reason, DateTime nowUtc) => new()
    {
        TicketId = ticketId,
        Survey = survey,
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
        Status = FollowUpTaskStatus.Open,
        CreatedAtUtc = nowUtc,
    };

    public Refusal? Complete(DateTime nowUtc, string by, string? note)
    {
        if (Status == FollowUpTaskStatus.Done)
        {
            return Refusal.Conflict("task_done", "This follow-up task is already done.");
        }

        Status = FollowUpTaskStatus.Done;
        DoneAtUtc = nowUtc;
        DoneBy = by;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        return null;
    }
}
