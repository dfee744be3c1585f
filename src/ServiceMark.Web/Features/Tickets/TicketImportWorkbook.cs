using System.Globalization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using ServiceMark.Domain.Tickets;
using ServiceMark.Web.Infrastructure.Excel;

namespace ServiceMark.Web.Features.Tickets;

/// <summary>
/// The Excel form of <see cref="TicketImportRequest"/>: a sheet 工单 (one row per ticket, its survey in the last columns) and a
/// sheet 步骤 (one row per step, joined to its ticket by 工单号, in time order). Codes may be written as the English names or
/// as the Chinese labels the app shows. An error names the sheet, the Excel row and the column.
/// </summary>
public sealed class TicketImportWorkbook(TicketImport import, IStringLocalizer<SharedResource> texts)
{
    public const string TicketSheet = "工单";
    public const string StepSheet = "步骤";

    /// <summary>Ticket sheet: header → request field (the JSON name an error carries).</summary>
    private static readonly (string Header, string Field)[] TicketColumns =
    [
        ("工单号", "number"), ("客户编码", "customerCode"), ("联系人", "contactName"), ("联系电话", "contactPhone"), ("现场地址", "siteAddress"),
        ("距离km", "distanceKm"), ("序列号", "serialNumber"), ("运行小时", "runningHours"), ("行驶里程km", "mileageKm"), ("故障类别", "faultCategory"),
        ("故障描述", "faultDescription"), ("紧急程度", "urgency"), ("报修渠道", "channel"), ("报修时间", "reportedAt"), ("受理人工号", "reportedBy"),
        ("是否三包", "underWarranty"), ("三包说明", "warrantyReason"),
        ("回访时间", "survey.at"), ("回访人工号", "survey.by"), ("维修质量评分", "survey.repairQuality"), ("满意度评分", "survey.satisfaction"),
        ("总体评价", "survey.overall"), ("问题已解决", "survey.problemSolved"), ("客户意见", "survey.comment"),
    ];

    private static readonly (string Header, string Field)[] StepColumns =
    [
        ("工单号", "number"), ("时间", "at"), ("动作", "action"), ("操作人工号", "by"), ("工程师工号", "engineers"), ("主修工程师工号", "lead"),
        ("约定上门时间", "agreedVisitAt"), ("原因", "reason"), ("说明", "note"), ("签字人", "signerName"),
        ("检查情况", "report.findings"), ("故障原因", "report.cause"), ("责任判定", "report.responsibility"), ("处理过程", "report.workDone"),
        ("更换配件", "report.partsReplaced"), ("补偿金额", "report.compensationAmount"), ("旧件已返回", "report.oldPartsReturned"), ("旧件说明", "report.oldPartsNote"),
        ("用车建议", "report.adviceGiven"), ("有偿服务金额", "report.paidServiceAmount"), ("有偿服务审批号", "report.paidServiceApprovalReference"),
    ];

    public static IReadOnlyList<string> Columns { get; } =
        [.. TicketColumns.Select(c => $"{TicketSheet}: {c.Header}"), .. StepColumns.Select(c => $"{StepSheet}: {c.Header}")];

    public static byte[] Template()
    {
        var ticket = new Dictionary<string, object?>
        {
            ["工单号"] = "GD2026-0001", ["客户编码"] = "C1001", ["联系人"] = "赵建华", ["联系电话"] = "13703710101", ["现场地址"] = "郑州市金水区农业路18号",
            ["距离km"] = 12, ["序列号"] = "LZYTBGCK0R1000101", ["运行小时"] = "", ["行驶里程km"] = 86000, ["故障类别"] = "车身", ["故障描述"] = "前门无法关闭",
            ["紧急程度"] = "一般", ["报修渠道"] = "来电", ["报修时间"] = "2026-03-03 09:00", ["受理人工号"] = "E0008", ["是否三包"] = "", ["三包说明"] = "",
            ["回访时间"] = "2026-03-06 10:00", ["回访人工号"] = "E0008", ["维修质量评分"] = 9, ["满意度评分"] = 9, ["总体评价"] = 3, ["问题已解决"] = "是", ["客户意见"] = "",
        };
        string[] steps = ["派工|2026-03-03 09:30|E0005|E0011", "接单|2026-03-03 09:40", "到场|2026-03-03 13:10", "等待客户|2026-03-03 14:00",
            "客户已回复|2026-03-04 08:30", "诊断|2026-03-04 09:00", "填写服务报告|2026-03-04 10:00", "处理完毕|2026-03-04 10:30", "客户签字|2026-03-04 10:35",
            "审批通过|2026-03-04 16:00|E0005", "结案|2026-03-05 09:00|E0008", "记录回访|2026-03-06 10:00|E0008"];
        var stepRows = steps.Select(s => s.Split('|')).Select(p => new Dictionary<string, object?>(StepColumns.Select(c => new KeyValuePair<string, object?>(c.Header, "")))
        {
            ["工单号"] = "GD2026-0001", ["时间"] = p[1], ["动作"] = p[0], ["操作人工号"] = p.Length > 2 ? p[2] : "", ["工程师工号"] = p.Length > 3 ? p[3] : "",
            ["原因"] = p[0] == "等待客户" ? "等待客户确认维修方案" : "", ["签字人"] = p[0] == "客户签字" ? "赵建华" : "",
            ["检查情况"] = p[0] == "填写服务报告" ? "前门气泵漏气" : "", ["处理过程"] = p[0] == "填写服务报告" ? "更换气泵" : "",
            ["更换配件"] = p[0] == "填写服务报告" ? "车门气泵:1:漏气" : "", ["旧件已返回"] = p[0] == "填写服务报告" ? "是" : "",
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { [TicketSheet] = new[] { ticket }, [StepSheet] = stepRows }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    public async Task<ImportReport> ImportAsync(Stream file, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct = default)
    {
        var errors = new List<ImportRowError>();
        var seekable = await ExcelRows.SeekableAsync(file, ct);
        var (request, ticketRows, stepRows) = Read(seekable, errors);
        if (errors.Count > 0)
        {
            return new ImportReport(0, errors);
        }

        var (result, problems) = await import.RunAsync(request!, user, ct);
        if (problems.Count == 0)
        {
            return new ImportReport(result!.Imported, []);
        }

        foreach (var p in problems)
        {
            var (sheet, columns, row) = p.Part == "step" ? (StepSheet, StepColumns, stepRows[p.Ticket][p.Step!.Value])
                : (TicketSheet, TicketColumns, ticketRows.ElementAtOrDefault(p.Ticket));
            var field = p.Part == "survey" ? $"survey.{p.Field}" : p.Field;
            var header = columns.FirstOrDefault(c => c.Field == field || (field.StartsWith(c.Field + "[", StringComparison.Ordinal))).Header
                ?? (field.StartsWith("report.partsReplaced", StringComparison.Ordinal) ? "更换配件" : field);
            errors.Add(new ImportRowError(row, $"{sheet}: {header}", p.Code, p.Message));
        }

        return new ImportReport(0, errors.OrderBy(e => e.Column.StartsWith(StepSheet, StringComparison.Ordinal)).ThenBy(e => e.Row).ToList());
    }

    private (TicketImportRequest? Request, List<int> TicketRows, List<List<int>> StepRows) Read(Stream file, List<ImportRowError> errors)
    {
        List<IDictionary<string, object?>> tickets, steps;
        try
        {
            var sheets = file.GetSheetNames();
            if (!sheets.Contains(TicketSheet) || !sheets.Contains(StepSheet))
            {
                errors.Add(new ImportRowError(0, "", "missing_sheet", $"The workbook needs the sheets {TicketSheet} and {StepSheet}."));
                return (null, [], []);
            }

            tickets = Rows(file, TicketSheet);
            steps = Rows(file, StepSheet);
        }
#pragma warning disable CA1031 // any failure to parse the upload is the user's file, not our bug: report it
        catch (Exception)
#pragma warning restore CA1031
        {
            errors.Add(new ImportRowError(0, "", "file_format", "The file is not a readable .xlsx workbook."));
            return (null, [], []);
        }

        var ticketErrors = new List<ImportRowError>();
        var stepErrors = new List<ImportRowError>();
        var ticketRows = tickets.Select((cells, i) => new ExcelRow(i + 2, cells, ticketErrors)).Where(r => !r.IsBlank).ToList();
        var stepRows = steps.Select((cells, i) => new ExcelRow(i + 2, cells, stepErrors)).Where(r => !r.IsBlank).ToList();
        if (ticketRows.Count == 0 || ticketRows.Count > TicketImport.MaxTickets || stepRows.Count > ExcelRows.MaxRows * 10)
        {
            errors.Add(new ImportRowError(0, "", ticketRows.Count == 0 ? "empty" : "too_many_rows",
                ticketRows.Count == 0 ? "The file has no data rows." : $"At most {TicketImport.MaxTickets} tickets can be imported at once."));
            return (null, [], []);
        }

        var missing = TicketColumns.Take(1).Concat(TicketColumns.Where(c => c.Field == "reportedAt")).Select(c => c.Header).Where(h => !tickets[0].ContainsKey(h))
            .Select(h => $"{TicketSheet}: {h}")
            .Concat(StepColumns.Take(3).Select(c => c.Header).Where(h => steps.Count > 0 && !steps[0].ContainsKey(h)).Select(h => $"{StepSheet}: {h}")).ToList();
        if (missing.Count > 0)
        {
            errors.Add(new ImportRowError(1, string.Join(", ", missing), "missing_column", $"The header row lacks: {string.Join(", ", missing)}."));
            return (null, [], []);
        }

        var labels = new Labels(texts);
        var byNumber = new Dictionary<string, int>(StringComparer.Ordinal);
        var imported = new List<ImportedTicket>();
        var stepLists = new List<List<ImportedStep>>();
        var stepRowNumbers = new List<List<int>>();
        foreach (var row in ticketRows)
        {
            string? T(string header) => row.Text(header);
            if (T("工单号") is { } number)
            {
                byNumber.TryAdd(number, imported.Count);
            }

            var survey = new[] { "回访时间", "维修质量评分", "满意度评分", "总体评价", "问题已解决" }.Any(h => T(h) is not null)
                ? new ImportedSurvey(Time(row, "回访时间"), T("回访人工号"), Whole(row, "维修质量评分"), Whole(row, "满意度评分"), Whole(row, "总体评价"),
                    YesNo(row, "问题已解决"), T("客户意见"))
                : null;
            stepLists.Add([]);
            stepRowNumbers.Add([]);
            imported.Add(new ImportedTicket(T("工单号"), T("客户编码"), T("联系人"), T("联系电话"), T("现场地址"), row.Amount("距离km"), T("序列号"),
                row.Amount("运行小时"), row.Amount("行驶里程km"), labels.Of<FaultCategory>(T("故障类别")), T("故障描述"), labels.Of<Urgency>(T("紧急程度")),
                labels.Of<IntakeChannel>(T("报修渠道")), Time(row, "报修时间"), T("受理人工号"), YesNo(row, "是否三包"), T("三包说明"), null, survey));
        }

        foreach (var row in stepRows)
        {
            string? S(string header) => row.Text(header);
            var number = S("工单号");
            if (number is null || !byNumber.TryGetValue(number, out var i))
            {
                row.Error("工单号", number is null ? "required" : "unknown", number is null ? "工单号 is required." : $"No ticket {number} on the sheet {TicketSheet}.");
                continue;
            }

            var action = labels.Action(S("动作"));
            var report = action == TicketImport.RecordReport
                ? new ImportedReport(S("检查情况"), S("故障原因"), S("责任判定"), S("处理过程"), Parts(S("更换配件")), row.Amount("补偿金额"), YesNo(row, "旧件已返回"),
                    S("旧件说明"), S("用车建议"), row.Amount("有偿服务金额"), S("有偿服务审批号"))
                : null;
            var engineers = S("工程师工号")?.Split([',', '，', '、', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            stepLists[i].Add(new ImportedStep(action, Time(row, "时间"), S("操作人工号"), engineers, S("主修工程师工号"), Time(row, "约定上门时间"),
                S("原因"), S("说明"), report, S("签字人")));
            stepRowNumbers[i].Add(row.Number);
        }

        // A cell that does not read (a number, a time, 是/否) is named with its sheet, as the import's own errors are.
        errors.AddRange(ticketErrors.Select(e => e with { Column = $"{TicketSheet}: {e.Column}" }));
        errors.AddRange(stepErrors.Select(e => e with { Column = $"{StepSheet}: {e.Column}" }));
        var request = new TicketImportRequest(imported.Select((t, i) => t with { Steps = stepLists[i] }).ToList());
        return (request, ticketRows.Select(r => r.Number).ToList(), stepRowNumbers);
    }

    private static List<IDictionary<string, object?>> Rows(Stream file, string sheet)
    {
        file.Position = 0;
        return file.Query(useHeaderRow: true, sheetName: sheet, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().Take((ExcelRows.MaxRows * 10) + 1).ToList();
    }

    /// <summary>A time cell: an Excel date as the company's local time, text as written (parsed by the import).</summary>
    private static string? Time(ExcelRow row, string header) =>
        row.Raw(header) switch
        {
            DateTime dt => dt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            double serial when serial is > 0 and < 2958466 => DateTime.FromOADate(serial).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            _ => row.Text(header),
        };

    private static int? Whole(ExcelRow row, string header) =>
        row.Amount(header) is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : row.Text(header) is null ? null : -1;

    private static bool? YesNo(ExcelRow row, string header) => row.Text(header)?.ToUpperInvariant() switch
    {
        null => null,
        "是" or "Y" or "YES" or "TRUE" or "1" => true,
        "否" or "N" or "NO" or "FALSE" or "0" => false,
        var other => Invalid(row, header, other),
    };

    private static bool? Invalid(ExcelRow row, string header, string value)
    {
        row.Error(header, "format", $"'{value}' is neither 是 nor 否.");
        return null;
    }

    /// <summary>"名称:数量:原因" per part, parts separated by ; or ；.</summary>
    private static List<ImportedPart>? Parts(string? text) =>
        text?.Split([';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split([':', '：'], StringSplitOptions.TrimEntries))
            .Select(p => new ImportedPart(p[0], p.Length > 1 && decimal.TryParse(p[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var q) ? q : 0,
                p.Length > 2 ? p[2] : "")).ToList();

    /// <summary>The Chinese labels of the app's codes, read back to the codes (English names pass through).</summary>
    private sealed class Labels(IStringLocalizer<SharedResource> texts)
    {
        private readonly Dictionary<string, string> map = Build(texts);

        private static Dictionary<string, string> Build(IStringLocalizer<SharedResource> texts)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            var culture = CultureInfo.CurrentUICulture;
            try
            {
                foreach (var c in new[] { "zh-CN", "en" })
                {
                    CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(c);
                    void Add(string kind, string prefix, IEnumerable<string> names)
                    {
                        foreach (var name in names)
                        {
                            if (texts[$"{prefix}.{name}"] is { ResourceNotFound: false } label)
                            {
                                map.TryAdd($"{kind}|{label.Value}", name);
                            }
                        }
                    }

                    Add(nameof(FaultCategory), nameof(FaultCategory), Enum.GetNames<FaultCategory>());
                    Add(nameof(Urgency), nameof(Urgency), Enum.GetNames<Urgency>());
                    Add(nameof(IntakeChannel), "ContactChannel", Enum.GetNames<IntakeChannel>());
                    Add(nameof(TicketAction), nameof(TicketAction), TicketImport.StepActions);
                }
            }
            finally
            {
                CultureInfo.CurrentUICulture = culture;
            }

            return map;
        }

        public string? Of<T>(string? text) => text is null ? null : map.GetValueOrDefault($"{typeof(T).Name}|{text}", text);

        public string? Action(string? text) => text is null ? null : map.GetValueOrDefault($"{nameof(TicketAction)}|{text}", text);
    }
}
