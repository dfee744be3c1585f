using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using ServiceMark.Domain.Common;
using ServiceMark.Domain.Organisation;
using ServiceMark.Web.Data;
using ServiceMark.Web.Infrastructure.Audit;

namespace ServiceMark.Web.Features.Organisation;

/// <summary>One problem in an import file: the Excel row number (as Excel shows it), the column header and the reason.</summary>
public sealed record ImportRowError(int Row, string Column, string Code, string Message);

public sealed record ImportReport(int Imported, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Excel import of people (R-RPT-3). All or nothing: every row is checked first and the report names
/// each wrong row, column and reason; only a file without errors is imported, in one transaction.
/// </summary>
public sealed class PeopleImport(IDbContextFactory<AppDbContext> contexts)
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;

    /// <summary>The column headers, in template order. Superiors may be other rows of the same file.</summary>
    public static readonly string[] Columns = ["工号", "姓名", "岗位编码", "组织编码", "直接上级工号", "用工状态", "入职日期", "试用期截止", "电话", "邮箱"];

    private static readonly string[] RequiredColumns = ["工号", "姓名", "岗位编码", "组织编码", "用工状态", "入职日期"];

    public static byte[] Template()
    {
        var example = new Dictionary<string, object?>
        {
            ["工号"] = "E1001", ["姓名"] = "张三", ["岗位编码"] = "ENG", ["组织编码"] = "T-BODY", ["直接上级工号"] = "E0003",
            ["用工状态"] = "试用期", ["入职日期"] = "2026-03-01", ["试用期截止"] = "2026-06-01", ["电话"] = "13800000000", ["邮箱"] = "",
        };
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { example }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public async Task<ImportReport> ImportAsync(Stream file, ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (!file.CanSeek)
        {
            // The workbook is a zip: its reader needs to seek.
            var buffered = new MemoryStream();
            await file.CopyToAsync(buffered, ct);
            buffered.Position = 0;
            file = buffered;
        }

        var rows = ReadRows(file, out var fileError);
        if (fileError is not null)
        {
            return new ImportReport(0, [fileError]);
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var positions = await db.Positions.Where(p => p.IsActive).ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var units = await db.OrgUnits.Where(u => u.IsActive).ToDictionaryAsync(u => u.Code, u => u.Id, ct);
        var existing = await db.People.Where(p => p.IsActive).ToDictionaryAsync(p => p.EmployeeNumber, p => p.Id, ct);
        var allNumbers = (await db.People.Select(p => p.EmployeeNumber).ToListAsync(ct)).ToHashSet();

        var errors = new List<ImportRowError>();
        var parsed = new List<(int Row, PersonDetails Details, string? SuperiorNumber)>();
        var numbersInFile = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rowNumber, cells) in rows)
        {
            var row = ParseRow(rowNumber, cells, positions, units, errors);
            if (row is null)
            {
                continue;
            }

            var number = row.Value.Details.EmployeeNumber;
            if (allNumbers.Contains(number))
            {
                errors.Add(new ImportRowError(rowNumber, "工号", "duplicate", $"Employee number {number} already exists."));
            }
            else if (!numbersInFile.TryAdd(number, rowNumber))
            {
                errors.Add(new ImportRowError(rowNumber, "工号", "duplicate", $"Employee number {number} also appears in row {numbersInFile[number]}."));
            }

            parsed.Add(row.Value);
        }

        foreach (var (rowNumber, _, superior) in parsed)
        {
            if (superior is not null && !existing.ContainsKey(superior) && !numbersInFile.ContainsKey(superior))
            {
                errors.Add(new ImportRowError(rowNumber, "直接上级工号", "unknown", $"No active person or row has employee number {superior}."));
            }
        }

        CheckCycles(parsed, numbersInFile, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors.OrderBy(e => e.Row).ToList());
        }

        await SaveAsync(db, parsed, existing, user, ct);
        return new ImportReport(parsed.Count, []);
    }

    private static async Task SaveAsync(AppDbContext db, List<(int Row, PersonDetails Details, string? SuperiorNumber)> parsed,
        Dictionary<string, int> existing, ClaimsPrincipal user, CancellationToken ct)
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

    private static void CheckCycles(List<(int Row, PersonDetails Details, string? SuperiorNumber)> parsed, Dictionary<string, int> numbersInFile, List<ImportRowError> errors)
    {
        // Only rows that own their employee number (duplicates are already reported) take part.
        var superiorOf = parsed
            .Where(p => p.SuperiorNumber is not null && numbersInFile.GetValueOrDefault(p.Details.EmployeeNumber) == p.Row)
            .ToDictionary(p => p.Row, p => numbersInFile.TryGetValue(p.SuperiorNumber!, out var r) ? r : (int?)null);
        foreach (var (row, _, _) in parsed)
        {
            if (superiorOf.TryGetValue(row, out var superiorRow) && superiorRow is { } s &&
                PersonRules.WouldCreateReportingCycle(row, s, x => superiorOf.GetValueOrDefault(x)))
            {
                errors.Add(new ImportRowError(row, "直接上级工号", "cycle", "The reporting lines in this file form a loop."));
            }
        }
    }

    private static (int Row, PersonDetails Details, string? SuperiorNumber)? ParseRow(
        int row, IDictionary<string, object?> cells, Dictionary<string, int> positions, Dictionary<string, int> units, List<ImportRowError> errors)
    {
        var before = errors.Count;
        string? Text(string column) => cells.TryGetValue(column, out var v) && v is not null && !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))
            ? Convert.ToString(v, CultureInfo.InvariantCulture)!.Trim()
            : null;

        foreach (var column in RequiredColumns.Where(c => Text(c) is null))
        {
            errors.Add(new ImportRowError(row, column, "required", $"{column} is required."));
        }

        var positionCode = Text("岗位编码");
        var positionId = positionCode is null ? 0 : positions.GetValueOrDefault(positionCode);
        if (positionCode is not null && positionId == 0)
        {
            errors.Add(new ImportRowError(row, "岗位编码", "unknown", $"No active position has code {positionCode}."));
        }

        var unitCode = Text("组织编码");
        var unitId = unitCode is null ? 0 : units.GetValueOrDefault(unitCode);
        if (unitCode is not null && unitId == 0)
        {
            errors.Add(new ImportRowError(row, "组织编码", "unknown", $"No active unit has code {unitCode}."));
        }

        var statusText = Text("用工状态");
        var status = PeopleHandlers.ParseStatus(statusText);
        if (statusText is not null && status is null)
        {
            errors.Add(new ImportRowError(row, "用工状态", "unknown", $"'{statusText}' is not one of 试用期, 正式, 转岗, 离职."));
        }

        var hireDate = ParseDate(cells, "入职日期", row, errors);
        var probationEnd = ParseDate(cells, "试用期截止", row, errors);
        var details = new PersonDetails(Text("工号") ?? "", Text("姓名") ?? "", Text("电话"), Text("邮箱"),
            Math.Max(positionId, 1), Math.Max(unitId, 1), null, status ?? EmploymentStatus.Regular, hireDate ?? default, probationEnd);
        var headerOf = new Dictionary<string, string>
        {
            ["employeeNumber"] = "工号", ["name"] = "姓名", ["phone"] = "电话", ["email"] = "邮箱", ["probationEndDate"] = "试用期截止",
        };
        foreach (var e in PersonRules.Check(details).All.Where(e => e.Code != "required" || e.Field == "probationEndDate"))
        {
            errors.Add(new ImportRowError(row, headerOf.GetValueOrDefault(e.Field, e.Field), e.Code, e.Message));
        }

        return errors.Count == before ? (row, details, Text("直接上级工号")) : null;
    }

    private static DateOnly? ParseDate(IDictionary<string, object?> cells, string column, int row, List<ImportRowError> errors)
    {
        if (!cells.TryGetValue(column, out var value) || value is null || value is string { Length: 0 })
        {
            return null;
        }

        switch (value)
        {
            case DateTime dt:
                return DateOnly.FromDateTime(dt);
            case double serial when serial is > 0 and < 2958466:
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            case string s when DateOnly.TryParseExact(s.Trim(), ["yyyy-MM-dd", "yyyy/M/d", "yyyy.M.d", "yyyy年M月d日"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                return d;
            default:
                errors.Add(new ImportRowError(row, column, "format", $"'{value}' is not a date (use 2026-03-01)."));
                return null;
        }
    }

    private static List<(int Row, IDictionary<string, object?> Cells)> ReadRows(Stream file, out ImportRowError? fileError)
    {
        fileError = null;
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = file.Query(useHeaderRow: true, excelType: ExcelType.XLSX)
                .Cast<IDictionary<string, object?>>()
                .Take(MaxRows + 1)
                .ToList();
        }
#pragma warning disable CA1031 // any failure to parse the upload is the user's file, not our bug: report it
        catch (Exception)
#pragma warning restore CA1031
        {
            fileError = new ImportRowError(0, "", "file_format", "The file is not a readable .xlsx workbook.");
            return [];
        }

        if (raw.Count == 0)
        {
            fileError = new ImportRowError(0, "", "empty", "The file has no data rows.");
            return [];
        }

        if (raw.Count > MaxRows)
        {
            fileError = new ImportRowError(0, "", "too_many_rows", $"At most {MaxRows} rows can be imported at once.");
            return [];
        }

        var missing = RequiredColumns.Where(c => !raw[0].ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            fileError = new ImportRowError(1, string.Join(", ", missing), "missing_column", $"The header row lacks: {string.Join(", ", missing)}.");
            return [];
        }

        // Row 1 is the header; data starts in Excel row 2. Fully blank rows are skipped, not reported.
        return raw.Select((cells, i) => (Row: i + 2, Cells: cells))
            .Where(r => r.Cells.Values.Any(v => v is not null && !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))))
            .ToList();
    }
}
