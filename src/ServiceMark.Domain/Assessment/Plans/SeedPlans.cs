using System.Reflection;

namespace ServiceMark.Domain.Assessment.Plans;

/// <summary>
/// The assessment plans ServiceMark ships with, transcribed from the seeds A–F (docs: /work/shared/SEED-PLANS.md):
/// embedded Assessment/Plans/Seeds/*.json, each checked on load. Where a seed leaves a value blank the plan's
/// description says which default was chosen.
/// </summary>
public static class SeedPlans
{
    private const string ResourcePrefix = "ServiceMark.Domain.Assessment.Plans.Seeds.";

    private static readonly Lazy<IReadOnlyList<AssessmentPlan>> Plans = new(Load);

    /// <summary>Every shipped plan, ordered by file name (a-…, b-…).</summary>
    public static IReadOnlyList<AssessmentPlan> All => Plans.Value;

    /// <summary>The shipped plan with this code.</summary>
    public static AssessmentPlan ByCode(string code) =>
        All.SingleOrDefault(p => p.Code == code) ?? throw new KeyNotFoundException($"No shipped assessment plan {code}.");

    /// <summary>The shipped files' text by resource name, for import screens and format tests.</summary>
    public static IReadOnlyDictionary<string, string> Files()
    {
        var assembly = typeof(SeedPlans).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(n => n, n => Read(assembly, n));
    }

    private static IReadOnlyList<AssessmentPlan> Load() =>
        Files().Select(file =>
        {
            var read = AssessmentPlanJson.DeserializeValid(file.Value);

            // A shipped plan that does not read or add up is a build defect, not a user error.
            return read.Succeeded
                ? read.Value!
                : throw new InvalidOperationException(
                    $"Embedded plan {file.Key} is invalid: {string.Join("; ", read.Refusal!.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
        }).ToArray();

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
