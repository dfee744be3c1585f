using System.Text.RegularExpressions;
using System.Xml.Linq;
using ServiceMark.Tests.Infrastructure;

namespace ServiceMark.Web.Tests.Security;

/// <summary>
/// Issue 12 point 3: a field error shows the field's name in the reader's language, never its raw key
/// ("Field.siteAddress为必填项。"). Every field a check in the source names is looked up in both resource files.
/// </summary>
public sealed partial class FieldNameTranslationTests
{
    [Fact]
    public void Every_field_named_in_an_error_has_a_name_in_both_languages()
    {
        var root = AppProcess.RepositoryRoot();
        var fields = Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains("Migrations", StringComparison.Ordinal))
            .SelectMany(f => FieldInError().Matches(File.ReadAllText(f)).Select(m => (Field: m.Groups.Values.Skip(1).First(g => g.Success).Value, File: Path.GetFileName(f))))
            .ToList();
        Assert.True(fields.Select(f => f.Field).Distinct().Count() > 150, "the scan found the checks");

        foreach (var resx in new[] { "SharedResource.resx", "SharedResource.zh-CN.resx" })
        {
            var keys = XDocument.Load(Path.Combine(root, "src", "ServiceMark.Web", "Resources", resx)).Root!.Elements("data")
                .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            var missing = fields.Where(f => !keys.Contains("Field." + f.Field)).Select(f => $"{f.Field} ({f.File})").Distinct().Order().ToList();
            Assert.True(missing.Count == 0, $"{resx} has no Field.* name for: {string.Join(", ", missing)}");
        }
    }

    [GeneratedRegex("""[Ee]rrors\.(?:Add|Required|RequiredText|MaxLength)\(\s*"([a-zA-Z][A-Za-z0-9]*)"|Refusal\.Invalid\(\s*"([a-zA-Z][A-Za-z0-9]*)"|new FieldError\(\s*"([a-zA-Z][A-Za-z0-9]*)"|\be\.(?:Add|Required|RequiredText|MaxLength)\(\s*"([a-zA-Z][A-Za-z0-9]*)"|fieldErrors\.(?:Add|Required)\(\s*"([a-zA-Z][A-Za-z0-9]*)" """)]
    private static partial Regex FieldInError();
}
