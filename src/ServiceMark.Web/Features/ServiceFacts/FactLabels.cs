using System.Globalization;
using Microsoft.Extensions.Localization;
using ServiceMark.Domain.Assessment;
using ServiceMark.Domain.Assessment.Plans;

namespace ServiceMark.Web.Features.ServiceFacts;

/// <summary>How a service fact and a scoring rule read in the UI's language — one place for the facts page, plans and sheets.</summary>
public static class FactLabels
{
    /// <summary>"On-time rate (Arrival)" for <c>on_time_rate:Arrival</c>: the fact's name, with its service-level target if any.</summary>
    public static string Of(IStringLocalizer localizer, string? code)
    {
        if (code is null)
        {
            return "";
        }

        var parts = code.Split(':');
        var text = localizer[$"Fact.{parts[0]}"].Value;
        return parts.Length > 1 ? $"{text}（{localizer[$"SlaTarget.{parts[1]}"]}）" : text;
    }

    /// <summary>The scoring standard (评分标准) in Chinese when the UI is Chinese, otherwise in English.</summary>
    public static string Rule(ScoringRule rule) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? RuleInputs.DescribeZh(rule) : RuleInputs.Describe(rule);
}
