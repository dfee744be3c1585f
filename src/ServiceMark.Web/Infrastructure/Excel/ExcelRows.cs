using System.Globalization;
using MiniExcelLibs;

namespace ServiceMark.Web.Infrastructure.Excel;

/// <summary>One problem in an import file: the Excel row number (as Excel shows it), the column header and the reason.</summary>
public sealed record ImportRowError(int Row, string Column, string Code, string Message);

public sealed record ImportReport(int Imported, IReadOnlyList<ImportRowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>One data row of an uploaded workbook, with typed reads that report problems against the row and column.</summary>
public sealed class ExcelRow(int number, IDictionary<string, object?> cells, List<ImportRowError> errors)
{
    public int Number => number;

    public bool IsBlank => cells.Values.All(v => v is null || string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>The cell as the workbook holds it (a date cell is a DateTime).</summary>
    public object? Raw(string column) => cells.TryGetValue(column, out var v) ? v : null;

    public string? Text(string column) =>
        cells.TryGetValue(column, out var v) && v is not null && !string.IsNullOrWhiteSpace(Convert.ToString(v, CultureInfo.InvariantCulture))
            ? Convert.ToString(v, CultureInfo.InvariantCulture)!.Trim()
            : null;

    public string? Required(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            Error(column, "required", $"{column} is required.");
        }

        return text;
    }

    public DateOnly? Date(string column)
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
                Error(column, "format", $"'{value}' is not a date (use 2026-03-01).");
                return null;
        }
    }

    public decimal? Amount(string column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        Error(column, "format", $"'{text}' is not a number.");
        return null;
    }

    public void Error(string column, string code, string message) => errors.Add(new ImportRowError(number, column, code, message));
}

/// <summary>Reads an uploaded .xlsx workbook (first sheet, header row) for the all-or-nothing imports.</summary>
public static class ExcelRows
{
    public const long MaxFileBytes = 5 * 1024 * 1024;
    public const int MaxRows = 5000;

    public static async Task<Stream> SeekableAsync(Stream file, CancellationToken ct)
    {
        if (file.CanSeek)
        {
            return file;
        }

        // The workbook is a zip: its reader needs to seek.
        var buffered = new MemoryStream();
        await file.CopyToAsync(buffered, ct);
        buffered.Position = 0;
        return buffered;
    }

    /// <summary>The non-blank data rows, or a file-level error (unreadable, empty, too long, missing columns).</summary>
    public static IReadOnlyList<ExcelRow> Read(Stream file, IReadOnlyCollection<string> requiredColumns, List<ImportRowError> errors)
    {
        List<IDictionary<string, object?>> raw;
        try
        {
            raw = file.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take(MaxRows + 1).ToList();
        }
#pragma warning disable CA1031 // any failure to parse the upload is the user's file, not our bug: report it
        catch (Exception)
#pragma warning restore CA1031
        {
            errors.Add(new ImportRowError(0, "", "file_format", "The file is not a readable .xlsx workbook."));
            return [];
        }

        if (raw.Count == 0)
        {
            errors.Add(new ImportRowError(0, "", "empty", "The file has no data rows."));
            return [];
        }

        if (raw.Count > MaxRows)
        {
            errors.Add(new ImportRowError(0, "", "too_many_rows", $"At most {MaxRows} rows can be imported at once."));
            return [];
        }

        var missing = requiredColumns.Where(c => !raw[0].ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportRowError(1, string.Join(", ", missing), "missing_column", $"The header row lacks: {string.Join(", ", missing)}."));
            return [];
        }

        // Row 1 is the header; data starts in Excel row 2. Fully blank rows are skipped, not reported.
        return raw.Select((cells, i) => new ExcelRow(i + 2, cells, errors))
            .Where(r => !r.IsBlank)
            .ToList();
    }

    public static byte[] Template(Dictionary<string, object?> exampleRow)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[] { exampleRow }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
