using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// What the audit log keeps of a sheet's result snapshot when it changes (issue 11): the SHA-256 of the old and the new
/// snapshot and, on each side, only the parts that differ — each indicator by code, each category's subtotals, the
/// sheet's totals, each 360° rating, the annual sheet's quarters — instead of both ~10 KB snapshots whole. The hashes
/// tie the row to the exact snapshot (the sheet keeps the current one; earlier ones are in the earlier rows' parts).
/// Snapshots written by older versions, partial ones, or null are read as far as they go: never an exception. A first
/// score (no snapshot before) records the new hash only.
/// </summary>
internal static class SheetAuditDiff
{
    public static (object? Before, object? After) Diff(string? before, string? after)
    {
        if (before is null)
        {
            // A first score records the hash only: the snapshot is the sheet's own, and every later re-score records the
            // parts it changes on both sides, so any earlier snapshot can be rebuilt backwards from the current one.
            // (Scoring a quarter for the first time then writes no second copy of 2 000 snapshots into the audit log.)
            return (Side(null, [], []), Side(after, [], []));
        }

        var (old, current) = (Parts(before), Parts(after));
        var changed = old.Keys.Union(current.Keys).Order(StringComparer.Ordinal)
            .Where(k => !JsonNode.DeepEquals(old.GetValueOrDefault(k), current.GetValueOrDefault(k))).ToList();
        return (Side(before, old, changed), Side(after, current, changed));
    }

    private static Dictionary<string, object?> Side(string? json, Dictionary<string, JsonNode?> parts, List<string> changed) => new(StringComparer.Ordinal)
    {
        ["sha256"] = json is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))),
        ["changed"] = changed.ToDictionary(k => k, k => parts.GetValueOrDefault(k)?.DeepClone(), StringComparer.Ordinal),
    };

    /// <summary>The snapshot cut into the parts a reviewer compares; an unreadable snapshot is one part, "snapshot".</summary>
    internal static Dictionary<string, JsonNode?> Parts(string? json)
    {
        var parts = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (json is null)
        {
            return parts;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            parts["snapshot"] = JsonValue.Create(json);
            return parts;
        }

        if (root is not JsonObject top)
        {
            if (root is not null)
            {
                parts["snapshot"] = root;
            }

            return parts;
        }

        foreach (var (name, value) in top)
        {
            switch (name)
            {
                case "sheet" when value is JsonObject sheet:
                    var rest = new JsonObject();
                    foreach (var (field, node) in sheet)
                    {
                        if (field == "categories" && node is JsonArray categories)
                        {
                            AddCategories(parts, categories);
                        }
                        else
                        {
                            rest[field] = node?.DeepClone();
                        }
                    }

                    parts["sheet"] = rest;
                    break;
                case "ratings" when value is JsonObject ratings:
                    foreach (var (code, rating) in ratings)
                    {
                        parts[$"rating:{code}"] = rating;
                    }

                    break;
                default:
                    parts[name] = value;
                    break;
            }
        }

        return parts;
    }

    private static void AddCategories(Dictionary<string, JsonNode?> parts, JsonArray categories)
    {
        for (var c = 0; c < categories.Count; c++)
        {
            if (categories[c] is not JsonObject category)
            {
                continue;
            }

            var code = Code(category, c);
            var rest = new JsonObject();
            foreach (var (field, node) in category)
            {
                if (field == "indicators" && node is JsonArray indicators)
                {
                    for (var i = 0; i < indicators.Count; i++)
                    {
                        if (indicators[i] is { } indicator)
                        {
                            parts[$"indicator:{(indicator is JsonObject o ? Code(o, i) : $"{code}#{i}")}"] = indicator;
                        }
                    }
                }
                else
                {
                    rest[field] = node?.DeepClone();
                }
            }

            parts[$"category:{code}"] = rest;
        }
    }

    private static string Code(JsonObject node, int index) =>
        node["code"] is JsonValue value && value.TryGetValue<string>(out var code) ? code : $"#{index}";
}
