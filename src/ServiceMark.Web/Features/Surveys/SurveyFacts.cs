using ServiceMark.Domain.ServiceFacts;
using ServiceMark.Domain.Surveys;
using ServiceMark.Web.Features.ServiceFacts;

namespace ServiceMark.Web.Features.Surveys;

/// <summary>The facts measured on the customers' survey answers (a ticket has at most one survey, and it one answer per question).</summary>
public static class SurveyFacts
{
    /// <summary>The satisfaction answer of each ticket in scope that has one (phone survey or survey link).</summary>
    public static FactSource Answers { get; } = new("surveys", FactEvidenceKind.Ticket, IsSplit: false, (scope, sql) =>
        TicketFacts.Rows(scope, sql,
            join: "JOIN \"SatisfactionSurveys\" s ON s.\"TicketId\" = t.\"Id\" " +
                  $"JOIN \"SatisfactionSurveyRatings\" q ON q.\"SurveyId\" = s.\"Id\" AND q.\"Question\" = '{SurveyQuestions.Satisfaction}'",
            columns: ", q.\"Value\" AS \"Satisfaction\""));

    public static FactRegistry AddSurveyFacts(this FactRegistry registry) =>
        registry.Add(new(ServiceFactsCalculator.AverageSatisfaction, 90, Answers, new MeanOf("r.\"Satisfaction\""), "score (1–10)",
            "mean of the customers' satisfaction answers"));
}
