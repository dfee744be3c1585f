using System.Text.Json;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// The facts file of an offline scoring run (docs/assessment-plans.md): one JSON object, indicator code → input, where
/// an input is a number, null (no data), or an object <c>{ "value": number|null, "comment": "…", "evidence": ["…"] }</c>.
/// Problems are field errors named <c>inputs.&lt;code&gt;[.field]</c>, all at once.
/// </summary>
public static class FactsFile
{
    private static readonly string[] InputFields = ["value", "comment", "evidence"];

    public static Result<IReadOnlyDictionary<string, IndicatorInput>> Parse(string json)
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
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var field = $"inputs.{property.Name}";
                if (inputs.ContainsKey(property.Name))
                {
                    errors.Add(field, "duplicate", $"{field} appears more than once.");
                    continue;
                }

                if (ReadInput(errors, field, property.Value) is { } input)
                {
                    inputs[property.Name] = input;
                }
            }

            return errors.Any ? errors.ToRefusal() : inputs;
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

        var sheet = PlanScorer.Score(plan.Value!, facts.Value!);
        return sheet.Succeeded ? JsonSerializer.Serialize(sheet.Value!, AssessmentPlanJson.Options) : sheet.Refusal!;
    }
}
