using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>
/// Excel import of people (R-RPT-3). All or nothing: every row is checked first and the report names
/// each wrong row, column and reason; only a file without errors is imported, in one transaction.
/// </summary>
public sealed class PeopleImport(IDbContextFactory<AppDbContext> contexts)
{
    /// <summary>The column headers, in template order. Superiors may be other rows of the same file.</summary>
    public static readonly string[] Columns = ["工号", "姓名", "岗位编码", "组织编码", "直接上级工号", "用工状态", "入职日期", "试用期截止", "电话", "邮箱"];

    private static readonly string[] RequiredColumns = ["工号", "姓名", "岗位编码", "组织编码", "用工状态", "入职日期"];

    private static readonly Dictionary<string, string> HeaderOfField = new()
    {
        ["employeeNumber"] = "工号", ["name"] = "姓名", ["phone"] = "电话", ["email"] = "邮箱", ["probationEndDate"] = "试用期截止",
    };

    private sealed record ParsedRow(int Row, PersonDetails Details, string? SuperiorNumber);

    public static byte[] Template() => ExcelRows.Template(new Dictionary<string, object?>
    {
        ["工号"] = "E1001", ["姓名"] = "张三", ["岗位编码"] = "ENG", ["组织编码"] = "T-BODY", ["直接上级工号"] = "E0005",
        ["用工状态"] = "试用期", ["入职日期"] = "2026-03-01", ["试用期截止"] = "2026-06-01", ["电话"] = "13800000000", ["邮箱"] = "",
    });

    public async Task<ImportReport> ImportAsync(Stream file, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        var rows = ExcelRows.Read(await ExcelRows.SeekableAsync(file, ct), RequiredColumns, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var positions = await db.Positions.Where(p => p.IsActive).ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var units = await db.OrgUnits.Where(u => u.IsActive).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var existing = await db.People.Where(p => p.IsActive).ToDictionaryAsync(p => p.EmployeeNumber, p => p.Id, ct);
        var allNumbers = (await db.People.Select(p => p.EmployeeNumber).ToListAsync(ct)).ToHashSet();

        var parsed = new List<ParsedRow>();
        var numbersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (ParseRow(row, positions, units, errors) is not { } ok)
            {
                continue;
            }

            var number = ok.Details.EmployeeNumber;
            if (allNumbers.Contains(number))
            {
                row.Error("工号", "duplicate", $"Employee number {number} already exists.");
            }
            else if (!numbersInFile.TryAdd(number, row.Number))
            {
                row.Error("工号", "duplicate", $"Employee number {number} also appears in row {numbersInFile[number]}.");
            }

            parsed.Add(ok);
        }

        foreach (var p in parsed.Where(p => p.SuperiorNumber is { } s && !existing.ContainsKey(s) && !numbersInFile.ContainsKey(s)))
        {
            errors.Add(new ImportRowError(p.Row, "直接上级工号", "unknown", $"No active person or row has employee number {p.SuperiorNumber}."));
        }

        CheckCycles(parsed, numbersInFile, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        await SaveAsync(db, parsed, existing, user, ct);
        return new ImportReport(parsed.Count, []);
    }

    private static async Task SaveAsync(AppDbContext db, List<ParsedRow> parsed, Dictionary<string, int> existing, ClaimsPrincipal user, CancellationToken ct)
    {
        db.Actor = Actor.From(user);
        db.ChangeReason = "Excel import";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = parsed.ToDictionary(p => p.Details.EmployeeNumber, p => Person.Create(p.Details with { SuperiorId = null }));
        db.People.AddRange(created.Values);
        await db.SaveChangesAsync(ct);
        foreach (var (_, details, superior) in parsed.Where(p => p.SuperiorNumber is not null))
        {
            var superiorId = existing.TryGetValue(superior!, out var id) ? id : created[superior!].Id;
            created[details.EmployeeNumber].Update(details with { SuperiorId = superiorId });
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static void CheckCycles(List<ParsedRow> parsed, Dictionary<string, int> numbersInFile, List<ImportRowError> errors)
    {
        // Only rows that own their employee number (duplicates are already reported) take part.
        var superiorOf = parsed
            .Where(p => p.SuperiorNumber is not null && numbersInFile.GetValueOrDefault(p.Details.EmployeeNumber) == p.Row)
            .ToDictionary(p => p.Row, p => numbersInFile.TryGetValue(p.SuperiorNumber!, out var r) ? r : (int?)null);
        foreach (var row in parsed.Select(p => p.Row))
        {
            if (superiorOf.TryGetValue(row, out var superiorRow) && superiorRow is { } s &&
                PersonRules.WouldCreateReportingCycle(row, s, x => superiorOf.GetValueOrDefault(x)))
            {
                errors.Add(new ImportRowError(row, "直接上级工号", "cycle", "The reporting lines in this file form a loop."));
            }
        }
    }

    private static ParsedRow? ParseRow(ExcelRow row, Dictionary<string, int> positions, Dictionary<string, int> units, List<ImportRowError> errors)
    {
        var before = errors.Count;
        var number = row.Required("工号");
        var name = row.Required("姓名");
        var positionCode = row.Required("岗位编码");
        var unitCode = row.Required("组织编码");
        var statusText = row.Required("用工状态");
        var hireDate = row.Date("入职日期");
        if (hireDate is null && row.Text("入职日期") is null)
        {
            row.Error("入职日期", "required", "入职日期 is required.");
        }

        var positionId = positionCode is null ? 0 : positions.GetValueOrDefault(positionCode);
        if (positionCode is not null && positionId == 0)
        {
            row.Error("岗位编码", "unknown", $"No active position has code {positionCode}.");
        }

        var unitId = unitCode is null ? 0 : units.GetValueOrDefault(unitCode);
        if (unitCode is not null && unitId == 0)
        {
            row.Error("组织编码", "unknown", $"No active unit has code {unitCode}.");
        }

        var status = PeopleHandlers.ParseStatus(statusText);
        if (statusText is not null && status is null)
        {
            row.Error("用工状态", "unknown", $"'{statusText}' is not one of 试用期, 正式, 转岗, 离职.");
        }

        var details = new PersonDetails(number ?? "", name ?? "", row.Text("电话"), row.Text("邮箱"), Math.Max(positionId, 1), Math.Max(unitId, 1),
            null, status ?? EmploymentStatus.Regular, hireDate ?? default, row.Date("试用期截止"));

        // Shape rules beyond presence (already reported above), e.g. format, length, probation end.
        foreach (var e in PersonRules.Check(details).All.Where(e => e.Code != "required" || e.Field == "probationEndDate"))
        {
            row.Error(HeaderOfField.GetValueOrDefault(e.Field, e.Field), e.Code, e.Message);
        }

        return errors.Count == before ? new ParsedRow(row.Number, details, row.Text("直接上级工号")) : null;
    }
}
