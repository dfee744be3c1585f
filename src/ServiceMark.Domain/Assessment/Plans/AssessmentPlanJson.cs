using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using ServiceMark.Domain.Common;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// The plan's JSON format (docs/assessment-plans.md): snake_case property names, enums as snake_case strings, the rule as
/// an object whose <c>kind</c> is one of <see cref="ScoringRuleKind.All"/>. Reading is strict — an unknown field, a
/// missing required field, a null where a value is needed, a wrong type or an unknown rule kind is a field error naming
/// the field, never an exception.
/// </summary>
public static partial class AssessmentPlanJson
{
    /// <summary>The options of the format, shared with the facts file and the score sheet.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(AssessmentPlan plan) => JsonSerializer.Serialize(plan, Options);

    /// <summary>Reads a plan's JSON without checking that the plan adds up (see <see cref="DeserializeValid"/>).</summary>
    public static Result<AssessmentPlan> Deserialize(string json)
    {
        try
        {
            var plan = JsonSerializer.Deserialize<AssessmentPlan>(json, Options);
            return plan is null ? Refusal.Invalid("json", "not_object", "The plan must be one JSON object, not null.") : plan;
        }
        catch (JsonException e)
        {
            return ToRefusal(e.Message, e.Path);
        }
        catch (NotSupportedException e)
        {
            // Thrown for a rule without a kind: the abstract rule cannot be created.
            return ToRefusal(e.Message, null);
        }
        catch (ArgumentException e)
        {
            return Refusal.Invalid("json", "invalid_json", e.Message);
        }
    }

    /// <summary>Reads a plan and checks it with <see cref="AssessmentPlanValidator"/>: every problem at once.</summary>
    public static Result<AssessmentPlan> DeserializeValid(string json)
    {
        var read = Deserialize(json);
        if (!read.Succeeded)
        {
            return read;
        }

        var errors = AssessmentPlanValidator.Check(read.Value!);
        return errors.Any ? errors.ToRefusal() : read;
    }

    [GeneratedRegex(@"Path: (\$[^\s|]*)")]
    private static partial Regex PathInMessage();

    [GeneratedRegex(@"missing required properties including: (.*?)\.\s*(Path|$)")]
    private static partial Regex MissingProperties();

    [GeneratedRegex(@"type discriminator id '([^']*)'")]
    private static partial Regex UnknownDiscriminator();

    [GeneratedRegex(@"The JSON property '([^']*)' could not be mapped")]
    private static partial Regex UnknownProperty();

    [GeneratedRegex(@"parameter '([^']*)' on type")]
    private static partial Regex NullParameter();

    private static Refusal ToRefusal(string message, string? path)
    {
        path ??= PathInMessage().Match(message) is { Success: true } m ? m.Groups[1].Value : null;
        var field = FieldOf(path);
        if (message.Contains("is an invalid", StringComparison.Ordinal) || message.Contains("invalid start of a value", StringComparison.Ordinal)
            || message.Contains("Expected", StringComparison.Ordinal) && !message.Contains("converted", StringComparison.Ordinal))
        {
            return Refusal.Invalid(field, "invalid_json", $"The plan is not valid JSON near {field}: {FirstSentence(message)}");
        }

        if (MissingProperties().Match(message) is { Success: true } missing)
        {
            var names = missing.Groups[1].Value.Split(',').Select(n => n.Trim().Trim('\'')).ToList();
            return Refusal.Invalid(names.Select(n => new FieldError(Join(field, n), "required", $"{Join(field, n)} is required.")).ToArray());
        }

        if (UnknownDiscriminator().Match(message) is { Success: true } kind)
        {
            return Refusal.Invalid(Join(field, "kind"), "unknown_kind",
                $"{Join(field, "kind")} '{kind.Groups[1].Value}' is not a rule kind; use one of {string.Join(", ", ScoringRuleKind.All)}.");
        }

        if (message.Contains("abstract types", StringComparison.Ordinal) || message.Contains("must specify a type discriminator", StringComparison.Ordinal))
        {
            return Refusal.Invalid(Join(field, "kind"), "required", $"{Join(field, "kind")} is required; use one of {string.Join(", ", ScoringRuleKind.All)}.");
        }

        if (UnknownProperty().Match(message) is { Success: true } unknown)
        {
            // The path may already end with the unknown property.
            var name = unknown.Groups[1].Value;
            var unknownField = field.EndsWith(name, StringComparison.Ordinal) ? field : Join(field, name);
            return Refusal.Invalid(unknownField, "unknown_field", $"{unknownField} is not a field of the plan format (misspelt?).");
        }

        if (NullParameter().Match(message) is { Success: true } nullParameter)
        {
            var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(nullParameter.Groups[1].Value);
            var nullField = field.EndsWith(name, StringComparison.Ordinal) ? field : Join(field, name);
            return Refusal.Invalid(nullField, "required", $"{nullField} must not be null.");
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && message.Contains("allow", StringComparison.OrdinalIgnoreCase))
        {
            return Refusal.Invalid(field, "required", $"{field} must not be null.");
        }

        return Refusal.Invalid(field, "invalid_type", $"{field} has a value of the wrong type: {FirstSentence(message)}");
    }

    private static string FieldOf(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return "json";
        }

        var field = jsonPath.StartsWith("$.", StringComparison.Ordinal) ? jsonPath[2..] : jsonPath.TrimStart('$');
        return field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal);
    }

    private static string Join(string field, string name) => field == "json" ? name : $"{field}.{name}";

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(ConfigureRules);
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = resolver,
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,

            // "kind" may come anywhere in a hand-written rule object, not only first.
            AllowOutOfOrderMetadataProperties = true,
            WriteIndented = true,

            // Chinese names and the arithmetic's + and → stay readable instead of becoming \uXXXX escapes; plan files and
            // score sheets are data files, never inlined into HTML, so the HTML-safe escaping is not needed.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        };
        options.MakeReadOnly();
        return options;
    }

    private static readonly (Type Type, string Kind)[] RuleTypes =
    [
        (typeof(BelowTargetLinearDeduction), ScoringRuleKind.BelowTargetLinearDeduction),
        (typeof(Banded), ScoringRuleKind.Banded),
        (typeof(Threshold), ScoringRuleKind.Threshold),
        (typeof(PerIncidentDeduction), ScoringRuleKind.PerIncidentDeduction),
        (typeof(PerIncidentBonus), ScoringRuleKind.PerIncidentBonus),
        (typeof(ProportionalBonus), ScoringRuleKind.ProportionalBonus),
        (typeof(RatingScale), ScoringRuleKind.RatingScale),
        (typeof(ManualScore), ScoringRuleKind.ManualScore),
        (typeof(PerErrorDeduction), ScoringRuleKind.PerErrorDeduction),
    ];

    private static void ConfigureRules(JsonTypeInfo info)
    {
        if (info.Type == typeof(ScoringRule))
        {
            var polymorphism = new JsonPolymorphismOptions
            {
                TypeDiscriminatorPropertyName = "kind",
                UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            };
            foreach (var (type, kind) in RuleTypes)
            {
                polymorphism.DerivedTypes.Add(new JsonDerivedType(type, kind));
            }

            info.PolymorphismOptions = polymorphism;
        }

        if (info.Kind == JsonTypeInfoKind.Object && typeof(ScoringRule).IsAssignableFrom(info.Type))
        {
            // Computed properties (Kind, MaxPoints, ScaleMin…) are not data: only the constructor's parameters are written.
            foreach (var property in info.Properties.Where(p => p.AttributeProvider is PropertyInfo { CanWrite: false }).ToList())
            {
                info.Properties.Remove(property);
            }
        }
    }
}
