using Microsoft.Extensions.Localization;
using ServiceMark.Domain.Common;

namespace ServiceMark.Web.Components.Shared;

/// <summary>Field errors of the last submit, localised for display next to their fields.</summary>
public sealed class FormErrors(IStringLocalizer localizer)
{
    private Dictionary<string, string> byField = new(StringComparer.Ordinal);

    public string? General { get; private set; }

    public bool Has(string field) => byField.ContainsKey(field);

    public string? For(string field) => byField.GetValueOrDefault(field);

    public void Clear()
    {
        byField = new(StringComparer.Ordinal);
        General = null;
    }

    /// <summary>The field was changed: its error goes at once, and the general message with the last field error.</summary>
    public void ClearField(string field)
    {
        if (byField.Remove(field) && byField.Count == 0)
        {
            General = null;
        }
    }

    /// <summary>Shows a refusal: field errors beside their fields, anything else as a general message.</summary>
    public void Show(Refusal refusal)
    {
        Clear();
        foreach (var error in refusal.Errors)
        {
            byField.TryAdd(error.Field, Localise(error));
        }

        General = refusal.Kind switch
        {
            RefusalKind.Validation => localizer["Error.FixFields"],
            RefusalKind.Conflict when refusal.Errors.Count > 0 => localizer["Error.FixFields"], // a value already taken, shown at its field
            RefusalKind.Conflict when refusal.Code == "stale_version" => localizer["Error.StaleVersion"],
            RefusalKind.NotFound => localizer["Error.NotFound"],
            RefusalKind.Forbidden when refusal.Code == SegregationOfDuties.Self => localizer["Error.self"],
            RefusalKind.Forbidden => localizer["Error.Forbidden"],
            _ => Translate($"Error.{refusal.Code}", refusal.Message),
        };
    }

    private string Localise(FieldError error)
    {
        // A line's field ("lines[3].explanation") is named by its own field's name: the row shows which line it is.
        var label = localizer[$"Field.{error.Field}"];
        if (label.ResourceNotFound && error.Field.LastIndexOf('.') is var dot and > 0)
        {
            label = localizer[$"Field.{error.Field[(dot + 1)..]}"];
        }

        var template = localizer[$"Error.{error.Code}"];
        return template.ResourceNotFound ? error.Message : string.Format(System.Globalization.CultureInfo.CurrentCulture, template.Value, label.Value);
    }

    private string Translate(string key, string fallback)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}
