using System.Text.Json;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// The facts file of an offline scoring run (docs/assessment-plans.md): one JSON object, indicator code → input, where
/// an input is a number, null (no data), or an object <c>{ "value": number|null, "comment": "…", "evidence": ["…"] }</c>;
/// a rating indicator may instead list its raters' ratings, <c>{ "ratings": [{ "group": "peers", "score": 3 }, …] }</c>,
/// which are combined as a sheet combines them (<see cref="RaterGroupWeighting.CombineFor"/>).
/// Problems are field errors named <c>inputs.&lt;code&gt;[.field]</c>, all at once.
/// </summary>
public static class FactsFile
{
    private static readonly string[] InputFields = ["value", "comment", "evidence", "ratings"];

    public static Result<FactsFileInputs> Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, position {e.BytePositionInLine + 1}" : "";
            return Refusal.Invalid("inputs", "invalid_json", $"The facts file is not valid JSON{where}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Refusal.Invalid("inputs", "not_object", "The facts file must be one JSON object: indicator code → input.");
            }

            var errors = new FieldErrors();
            var inputs = new Dictionary<string, IndicatorInput>(StringComparer.Ordinal);
            var ratings = new Dictionary<string, IReadOnlyList<RaterRating>>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var field = $"inputs.{property.Name}";
                if (inputs.ContainsKey(property.Name) || ratings.ContainsKey(property.Name))
                {
                    errors.Add(field, "duplicate", $"{field} appears more than once.");
                    continue;
                }

                if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("ratings", out _))
                {
                    if (ReadRatings(errors, field, property.Value) is { } list)
                    {
                        ratings[property.Name] = list;
                    }
                }
                else if (ReadInput(errors, field, property.Value) is { } input)
                {
                    inputs[property.Name] = input;
                }
            }

            return errors.Any ? errors.ToRefusal() : new FactsFileInputs(inputs, ratings);
        }
    }

    private static IndicatorInput? ReadInput(FieldErrors errors, string field, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return new IndicatorInput(null);
            case JsonValueKind.Number:
                return Number(errors, field, element) is var (ok, n) && ok ? new IndicatorInput(n) : null;
            case JsonValueKind.Object:
                break;
            default:
                errors.Add(field, "invalid_type", $"{field} must be a number, null or an object with value, comment and evidence.");
                return null;
        }

        var before = errors.All.Count;
        decimal? value = null;
        string? comment = null;
        List<string>? evidence = null;
        foreach (var property in element.EnumerateObject())
        {
            var inner = $"{field}.{property.Name}";
            switch (property.Name)
            {
                case "value" when property.Value.ValueKind == JsonValueKind.Null:
                    break;
                case "value":
                    var (ok, n) = Number(errors, inner, property.Value);
                    value = ok ? n : null;
                    break;
                case "comment" when property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null:
                    comment = property.Value.GetString();
                    break;
                case "comment":
                    errors.Add(inner, "invalid_type", $"{inner} must be text.");
                    break;
                case "evidence" when property.Value.ValueKind == JsonValueKind.Array
                                     && property.Value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String):
                    evidence = property.Value.EnumerateArray().Select(e => e.GetString()!).ToList();
                    break;
                case "evidence":
                    errors.Add(inner, "invalid_type", $"{inner} must be a list of text references.");
                    break;
                default:
                    errors.Add(inner, "unknown_field", $"{inner} is not a field of an input (use {string.Join(", ", InputFields)}).");
                    break;
            }
        }

        return errors.All.Count == before ? new IndicatorInput(value, comment, evidence) : null;
    }

    /// <summary>
    /// <c>{ "ratings": [{ "group": "peers", "score": 3, "rater": "optional id" }, …] }</c>: raters without an id are
    /// distinct raters, numbered in order.
    /// </summary>
    private static List<RaterRating>? ReadRatings(FieldErrors errors, string field, JsonElement element)
    {
        var before = errors.All.Count;
        foreach (var property in element.EnumerateObject().Where(p => p.Name != "ratings"))
        {
            errors.Add($"{field}.{property.Name}", "unknown_field", $"{field}.{property.Name}: an input with ratings has no other fields.");
        }

        var array = element.GetProperty("ratings");
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"{field}.ratings", "invalid_type", $"{field}.ratings must be a list of {{ group, score }}.");
            return null;
        }

        var list = new List<RaterRating>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var at = $"{field}.ratings[{i}]";
            i++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                errors.Add(at, "invalid_type", $"{at} must be an object {{ group, score }}.");
                continue;
            }

            RaterGroup? group = null;
            decimal? score = null;
            var rater = $"rater {i}";
            foreach (var p in item.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "group" when p.Value.ValueKind == JsonValueKind.String && ParseGroup(p.Value.GetString()!) is { } g:
                        group = g;
                        break;
                    case "group":
                        errors.Add($"{at}.group", "unknown_group", $"{at}.group must be superior, peers, subordinates, customers, other_departments or self.");
                        break;
                    case "score":
                        var (ok, n) = Number(errors, $"{at}.score", p.Value);
                        score = ok ? n : null;
                        break;
                    case "rater" when p.Value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(p.Value.GetString()):
                        rater = p.Value.GetString()!;
                        break;
                    case "rater":
                        errors.Add($"{at}.rater", "invalid_type", $"{at}.rater must be a non-empty text.");
                        break;
                    default:
                        errors.Add($"{at}.{p.Name}", "unknown_field", $"{at}.{p.Name} is not a field of a rating (use group, score, rater).");
                        break;
                }
            }

            if (group is null && !item.TryGetProperty("group", out _))
            {
                errors.Add($"{at}.group", "required", $"{at}.group is required.");
            }

            if (score is null && !item.TryGetProperty("score", out _))
            {
                errors.Add($"{at}.score", "required", $"{at}.score is required.");
            }

            if (group is { } gg && score is { } ss)
            {
                list.Add(new RaterRating(rater, gg, ss));
            }
        }

        return errors.All.Count == before ? list : null;
    }

    private static RaterGroup? ParseGroup(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<RaterGroup>(JsonSerializer.Serialize(text), AssessmentPlanJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static (bool Ok, decimal Value) Number(FieldErrors errors, string field, JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value))
        {
            return (true, value);
        }

        errors.Add(field, "invalid_type", $"{field} must be a number.");
        return (false, 0m);
    }
}

/// <summary>What a facts file holds: plain inputs, and the raters' ratings of rating indicators, to be combined.</summary>
public sealed record FactsFileInputs(IReadOnlyDictionary<string, IndicatorInput> Inputs, IReadOnlyDictionary<string, IReadOnlyList<RaterRating>> Ratings);

/// <summary>
/// The whole offline run behind <c>dotnet run --project src/ServiceMark.Web -- score --plan plan.json --facts facts.json</c>:
/// read and check the plan, read the facts file, score, and write the score sheet as JSON.
/// </summary>
public static class OfflineScoring
{
    /// <summary>
    /// The score sheet as JSON, or every problem at once: plan problems are named <c>plan.&lt;path&gt;</c>, facts-file and
    /// input problems <c>inputs.&lt;code&gt;…</c>.
    /// </summary>
    public static Result<string> Run(string planJson, string factsJson)
    {
        var plan = AssessmentPlanJson.DeserializeValid(planJson);
        var facts = FactsFile.Parse(factsJson);
        if (!plan.Succeeded || !facts.Succeeded)
        {
            var errors = (plan.Refusal?.Errors ?? []).Select(e => e with { Field = $"plan.{e.Field}" })
                .Concat(facts.Refusal?.Errors ?? []).ToArray();
            return Refusal.Invalid(errors);
        }

        var inputs = new Dictionary<string, IndicatorInput>(facts.Value!.Inputs, StringComparer.Ordinal);
        var problems = new FieldErrors();
        var indicators = plan.Value!.Categories.SelectMany(c => c.Indicators).ToDictionary(i => i.Code, StringComparer.Ordinal);
        foreach (var (code, ratings) in facts.Value.Ratings)
        {
            var field = $"inputs.{code}.ratings";
            if (!indicators.TryGetValue(code, out var indicator) || indicator.Source.Kind != DataSourceKind.Rating)
            {
                problems.Add(field, "not_a_rating", $"{code} is not a rating indicator of the plan, so it takes a value, not ratings.");
                continue;
            }

            var combined = RaterGroupWeighting.CombineFor(indicator.Source.Raters, ratings)!.Value;
            if (!combined.Succeeded)
            {
                foreach (var e in combined.Refusal!.Errors)
                {
                    problems.Add(e.Field.StartsWith("ratings", StringComparison.Ordinal) ? $"inputs.{code}.{e.Field}" : field, e.Code, e.Message);
                }

                continue;
            }

            inputs[code] = new IndicatorInput(combined.Value!.ForScoring, combined.Value.Arithmetic);
        }

        if (problems.Any)
        {
            return problems.ToRefusal();
        }

        var sheet = PlanScorer.Score(plan.Value!, inputs);
        return sheet.Succeeded ? JsonSerializer.Serialize(sheet.Value!, AssessmentPlanJson.Options) : sheet.Refusal!;
    }
}
