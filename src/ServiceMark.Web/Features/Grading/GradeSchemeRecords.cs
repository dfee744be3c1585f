using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Grading;
using ServiceMark.Web.Data;

namespace ServiceMark.Web.Features.Grading;

/// <summary>One grade of a scheme as edited and stored (see <see cref="GradeLevel"/>).</summary>
public sealed class SchemeLevelDoc
{
    public string? Code { get; set; }
    public string? NameZh { get; set; }
    public string? NameEn { get; set; }
    public bool AppointedAfterPassing { get; set; }
    public decimal? PointsThreshold { get; set; }
}

/// <summary>"The last N assessments, none failing, each at least this grade" (see <see cref="RecentResultsRequirement"/>).</summary>
public sealed class RecentResultsDoc
{
    public int LastCount { get; set; }
    public bool NoneFailing { get; set; } = true;
    public string? AtLeastGradeCode { get; set; }
}

/// <summary>What one grade above the lowest requires (see <see cref="PromotionRequirements"/>).</summary>
public sealed class EligibilityDoc
{
    public string? LevelCode { get; set; }
    public int MinMonthsAtCurrentLevel { get; set; }
    public int MinYearsOfExperience { get; set; }
    public List<string>? RequiredTrainings { get; set; }
    public List<string>? RequiredCertificates { get; set; }

    /// <summary>Null: no condition on recent assessment results.</summary>
    public RecentResultsDoc? RecentResults { get; set; }
}

/// <summary>One grade's examination weights (percent) and pass mark (see <see cref="ExamWeights"/>).</summary>
public sealed class ExamDoc
{
    public string? LevelCode { get; set; }
    public decimal TheoryPercent { get; set; }
    public decimal PracticalPercent { get; set; }
    public decimal TeachingPercent { get; set; }
    public decimal PassMark { get; set; }
}

/// <summary>When applications for some grades are taken (see <see cref="GradingCycle"/>).</summary>
public sealed class CycleDoc
{
    public List<string>? LevelCodes { get; set; }
    public int EveryMonths { get; set; }
    public int PhaseMonth { get; set; }
    public int WindowDays { get; set; }
}

/// <summary>
/// A grade scheme's configuration as one JSON document: what the API takes and returns, what the configuration page edits and
/// what <see cref="StoredGradeScheme.DocumentJson"/> holds. Converted to the domain's <see cref="GradeSchemeConfiguration"/>
/// (whose <c>Check</c> names every problem) by <see cref="ToDomain"/>; missing lists become empty lists, so a bad document is
/// refused field by field, never with a 500.
/// </summary>
public class GradeSchemeDocument
{
    public string? Name { get; set; }
    public GradeSchemeKind Kind { get; set; }
    public List<SchemeLevelDoc>? Levels { get; set; }
    public List<EligibilityDoc>? Eligibility { get; set; }
    public List<ExamDoc>? Exams { get; set; }
    public List<CycleDoc>? Cycles { get; set; }

    /// <summary>An empty entry in one of the lists ("levels": [null]) names nothing to check: refused by its place, before it is read.</summary>
    public FieldErrors EmptyEntries()
    {
        var errors = new FieldErrors();
        Check("levels", Levels);
        Check("eligibility", Eligibility);
        Check("exams", Exams);
        Check("cycles", Cycles);
        return errors;

        void Check<T>(string field, List<T>? list)
            where T : class
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                if (list![i] is null)
                {
                    errors.Add($"{field}[{i}]", "required", $"{field}[{i}] is empty.");
                }
            }
        }
    }

    public GradeSchemeConfiguration ToDomain(string code)
    {
        var scheme = new GradeScheme(code, Name?.Trim() ?? "", Kind,
            (Levels ?? []).Select(l => new GradeLevel(l.Code?.Trim() ?? "", l.NameZh?.Trim() ?? "", l.NameEn?.Trim() ?? "", l.AppointedAfterPassing, l.PointsThreshold)).ToList());
        var rules = new EligibilityRules(code, (Eligibility ?? []).Select(e => new PromotionRequirements(e.LevelCode?.Trim() ?? "", e.MinMonthsAtCurrentLevel,
            e.MinYearsOfExperience, Clean(e.RequiredTrainings), Clean(e.RequiredCertificates),
            e.RecentResults is { } r ? new RecentResultsRequirement(r.LastCount, r.NoneFailing, string.IsNullOrWhiteSpace(r.AtLeastGradeCode) ? null : r.AtLeastGradeCode.Trim()) : null)).ToList());
        var exams = (Exams ?? []).Select(e => new ExamWeights(e.LevelCode?.Trim() ?? "", e.TheoryPercent, e.PracticalPercent, e.TeachingPercent, e.PassMark)).ToList();
        var cycles = (Cycles ?? []).Select(c => new GradingCycle(code, Clean(c.LevelCodes), c.EveryMonths, c.PhaseMonth, c.WindowDays)).ToList();
        return new GradeSchemeConfiguration(scheme, rules, exams, cycles);
    }

    public static GradeSchemeDocument From(GradeSchemeConfiguration c) => new()
    {
        Name = c.Scheme.Name,
        Kind = c.Scheme.Kind,
        Levels = c.Scheme.Levels.Select(l => new SchemeLevelDoc
        {
            Code = l.Code, NameZh = l.NameZh, NameEn = l.NameEn, AppointedAfterPassing = l.AppointedAfterPassing, PointsThreshold = l.PointsThreshold,
        }).ToList(),
        Eligibility = c.Eligibility.Levels.Select(r => new EligibilityDoc
        {
            LevelCode = r.LevelCode, MinMonthsAtCurrentLevel = r.MinMonthsAtCurrentLevel, MinYearsOfExperience = r.MinYearsOfExperience,
            RequiredTrainings = [.. r.RequiredTrainings], RequiredCertificates = [.. r.RequiredCertificates],
            RecentResults = r.RecentResults is { } x ? new RecentResultsDoc { LastCount = x.LastCount, NoneFailing = x.NoneFailing, AtLeastGradeCode = x.AtLeastGradeCode } : null,
        }).ToList(),
        Exams = c.Exams.Select(e => new ExamDoc
        {
            LevelCode = e.LevelCode, TheoryPercent = e.TheoryPercent, PracticalPercent = e.PracticalPercent, TeachingPercent = e.TeachingPercent, PassMark = e.PassMark,
        }).ToList(),
        Cycles = c.Cycles.Select(x => new CycleDoc { LevelCodes = [.. x.LevelCodes], EveryMonths = x.EveryMonths, PhaseMonth = x.PhaseMonth, WindowDays = x.WindowDays }).ToList(),
    };

    public string ToJson() => JsonSerializer.Serialize(this, GradingJson.Options);

    public static GradeSchemeDocument FromJson(string json) =>
        JsonSerializer.Deserialize<GradeSchemeDocument>(json, GradingJson.Options) ?? new GradeSchemeDocument();

    /// <summary>A deep copy (the page edits a copy and keeps the saved one to compare).</summary>
    public GradeSchemeDocument Copy() => FromJson(ToJson());

    private static List<string> Clean(List<string>? names) =>
        (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
}

/// <summary>
/// A grade scheme's configuration (R-GRD-1): its code (what <see cref="PersonGrade.SchemeCode"/>, applications, demotions and
/// pay tables key on — never changed), the document, and whether it is the scheme of first gradings (people not graded yet).
/// Edited in place with a version (a stale edit is 409) and audited; level codes in use are never removed (see
/// <see cref="GradeSchemeHandlers"/>).
/// </summary>
public sealed class StoredGradeScheme : IAudited, IVersioned
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>The scheme of people not graded yet (their first grading, 定级): exactly one scheme.</summary>
    public bool IsDefault { get; private set; }

    public string DocumentJson { get; private set; } = "{}";
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; set; }

    private StoredGradeScheme()
    {
    }

    public static StoredGradeScheme Create(GradeSchemeConfiguration c, bool isDefault, DateTime nowUtc, string by)
    {
        var s = new StoredGradeScheme { Code = c.Code, IsDefault = isDefault };
        s.Update(c, nowUtc, by);
        return s;
    }

    public void Update(GradeSchemeConfiguration c, DateTime nowUtc, string by)
    {
        Name = c.Scheme.Name;
        DocumentJson = GradeSchemeDocument.From(c).ToJson();
        UpdatedAtUtc = nowUtc;
        UpdatedBy = by;
    }

    public GradeSchemeDocument Document => GradeSchemeDocument.FromJson(DocumentJson);

    public GradeSchemeConfiguration ToDomain() => Document.ToDomain(Code);
}

internal sealed class StoredGradeSchemeConfiguration : IEntityTypeConfiguration<StoredGradeScheme>
{
    public void Configure(EntityTypeBuilder<StoredGradeScheme> b)
    {
        b.ToTable("GradeSchemes");
        b.HasIndex(s => s.Code).IsUnique();
        b.Property(s => s.Code).HasMaxLength(GradeScheme.CodeMaxLength);
        b.Property(s => s.Name).HasMaxLength(GradeScheme.NameMaxLength);
        b.Property(s => s.UpdatedBy).HasMaxLength(256);
        b.Property(s => s.Version).IsConcurrencyToken();
        b.Ignore(s => s.Document);
    }
}

/// <summary>
/// The stored schemes of one request, by code: a person's scheme is their latest grade row's <see cref="PersonGrade.SchemeCode"/>,
/// and people not graded yet are on the <see cref="StoredGradeScheme.IsDefault"/> scheme.
/// </summary>
public sealed class SchemeCatalog
{
    private readonly Dictionary<string, GradeSchemeConfiguration> byCode;

    public SchemeCatalog(IEnumerable<GradeSchemeConfiguration> schemes, string defaultCode)
    {
        byCode = schemes.ToDictionary(s => s.Code, StringComparer.Ordinal);
        Default = byCode.GetValueOrDefault(defaultCode) ?? byCode.Values.FirstOrDefault() ?? GradeSchemeConfiguration.Examples[0];
    }

    /// <summary>The scheme of first gradings.</summary>
    public GradeSchemeConfiguration Default { get; }

    public IReadOnlyCollection<GradeSchemeConfiguration> All => byCode.Values;

    /// <summary>The scheme with <paramref name="code"/>; the default one for null (not graded yet) or a code no longer stored.</summary>
    public GradeSchemeConfiguration For(string? code) => code is not null && byCode.TryGetValue(code, out var s) ? s : Default;

    /// <summary>The person's scheme from their grade history (the latest row's scheme), the default one before their first grade.</summary>
    public GradeSchemeConfiguration ForHistory(IEnumerable<PersonGrade> history) =>
        For(history.OrderBy(h => h.EffectiveFrom).LastOrDefault()?.SchemeCode);

    /// <summary>A grade's names in its scheme; a code the scheme no longer has (it never should) shows as itself.</summary>
    public LevelView? Level(string? schemeCode, string? levelCode) =>
        levelCode is null ? null
        : For(schemeCode).Scheme.Find(levelCode) is { } l ? new LevelView(l.Code, l.NameZh, l.NameEn)
        : new LevelView(levelCode, levelCode, levelCode);

    public static async Task<SchemeCatalog> LoadAsync(AppDbContext db, CancellationToken ct)
    {
        var stored = await db.GradeSchemes.AsNoTracking().OrderBy(s => s.Id).ToListAsync(ct);
        return stored.Count == 0
            ? new SchemeCatalog(GradeSchemeConfiguration.Examples, GradeScheme.Default.Code)
            : new SchemeCatalog(stored.Select(s => s.ToDomain()), stored.FirstOrDefault(s => s.IsDefault)?.Code ?? stored[0].Code);
    }
}
