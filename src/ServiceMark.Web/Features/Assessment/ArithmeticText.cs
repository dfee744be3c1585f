using System.Globalization;
using System.Text.RegularExpressions;

namespace ServiceMark.Web.Features.Assessment;

/// <summary>
/// The scoring arithmetic in the reader's language. The domain writes each computation once, in English, and the stored
/// score snapshots keep that text unchanged (it is the record of what was computed); a Chinese reader sees it through
/// this fixed phrase table. The table knows only the domain's own vocabulary, so text a person typed (a manual score's
/// comment, a card's reason) is never touched: it follows the last fixed phrase and is split off before translating.
/// </summary>
public static partial class ArithmeticText
{
    private static readonly (Regex Pattern, string Replacement)[] ToChinese =
    [
        // Whole sentences first, so their words are not translated piecemeal below.
        (new(@"^not assessed: no recorded work in the period \(no ticket, complaint or survey, no value or rating entered\)$"), "不考核：本期无任何工作记录（无工单、投诉或回访，也未录入数值或评分）"),
        (new(@"no data: not scored"), "无数据：不计分"),
        (new(@"^department: "), "全部门："),
        (new(@"not scored: no base indicator had data"), "不计分：基础指标均无数据"),
        (new(@"no base indicators"), "无基础指标"),
        (new(@"no rater group was rated: not scored"), "无评价人组评分：不计分"),
        (new(@"no quarter assessed: not scored"), "无已考核季度：不计分"),
        (new(@"\(top of the bands\)"), "（达到最高档）"),
        (new(@"\(below the bands\)"), "（低于最低档）"),
        (new(@"\(bottom of the bands, lower is better\)"), "（达到最低档，越低越好）"),
        (new(@"\(above the bands, lower is better\)"), "（高于最高档，越低越好）"),
        (new(@" target → full "), " 目标 → 满分 "),
        (new(@" pp below"), " 个百分点（低于目标）"),
        (new(@", whole points "), "，只计整数 "),
        (new(@" units × "), " 个单位 × "),
        (new(@", capped at "), "，封顶 "),
        (new(@"^rating "), "评分 "),
        (new(@"(\S+) incidents?\b"), "$1 次"),
        (new(@"(\S+) errors?\b"), "$1 处差错"),
        (new(@", (\S+) allowed → (\S+) counted"), "，允许 $1 → 计 $2"),
        (new(@", not below "), "，下限 "),
        (new(@" in (\S+–\S+ %) → "), " 位于 $1 → "),
        (new(@" of (\S+) scored points × "), "（已计分指标满分 $1）× "),
        (new(@"\(not scored: ([^)]*)\)"), "（未计分：$1）"),
        (new(@"^bonus \+"), "加分 +"),
        (new(@"^base (?!= )"), "基础分 "),
        (new(@" of (\S+) scored weight × "), "（已计分权重 $1）× "),
        (new(@" → total "), " → 总分 "),

        // 360° ratings: group names are translated only where the domain puts them, never inside someone's words.
        (new(@"^(.*): no raters, its (\S+ %) shared over (.+?) in proportion to their weights$"), "{group:1}：无评价人，其 $2 按权重比例分给 {groups:3}"),
        (new(@"^(self|superior|peers|subordinates|customers|other departments): "), "{group:1}："),
        (new(@"^无评价人组评分：不计分 \((.*)\)$"), "无评价人组评分：不计分（{groups:1}）"),
        (new(@" \(weights ([^)]*) rescaled to 100 %\)"), "（权重 $1 折算为 100 %）"),
        (new(@"：1 rater, "), "：1 人，"),
        (new(@"：(\d+) raters, "), "：$1 人，"),

        // Bonuses and the team pool.
        (new(@"\bquarterly bonus\b"), "季度奖金"),
        (new(@"\byear-end bonus\b"), "年终奖金"),
        (new(@" 0: grade (\S+) is a failing grade \(no bonus, no salary deduction\)"), " 0：等级 $1 为不合格（无奖金，不扣工资）"),
        (new(@"\(grade (\S+)\)"), "（等级 $1）"),
        (new(@"^pool = "), "奖金池 = "),
        (new(@"^base = "), "人均基数 = "),
        (new(@"share = base × score ÷ 100"), "份额 = 人均基数 × 得分 ÷ 100"),
        (new(@"^per head "), "人均 "),
        (new(@"share = (\S+) × score ÷ (\S+) \(sum of scores\)"), "份额 = $1 × 得分 ÷ $2（得分合计）"),
        (new(@"^undistributed "), "未分配 "),
        (new(@"^(\d+) cent\(s\) from rounding down given to the largest remainders"), "舍入余下的 $1 分给余数最大者"),

        // Service facts' formulas (the measured value's explanation on a sheet and on the facts page).
        (new(@"(FirstResponse|Arrival|Resolution|WrittenContact|RemoteResolution) targets met on time ÷ \1 targets met"), "{target:1}按时达成数 ÷ {target:1}目标数"),
        (new(@"tickets closed in the period"), "期内关闭的工单数"),
        (new(@"mean of \(first response − reported\)"), "（首次响应 − 报修）的平均值"),
        (new(@"mean of \(arrival on site − reported\)"), "（到场 − 报修）的平均值"),
        (new(@"mean of \(resolved − reported\)"), "（解决 − 报修）的平均值"),
        (new(@"closed tickets not reopened as a repeat fault ÷ closed tickets"), "未因重复故障重开的已关闭工单 ÷ 已关闭工单"),
        (new(@"closed tickets followed up ÷ closed tickets"), "已回访的已关闭工单 ÷ 已关闭工单"),
        (new(@"reports signed within (\d+) h of resolution ÷ resolved tickets"), "解决后 $1 小时内签署的报告 ÷ 已解决工单"),
        (new(@"mean of the customers' satisfaction answers"), "客户满意度回答的平均值"),
        (new(@"complaints decided valid and attributable to service"), "判定有效且属服务责任的投诉"),
        (new(@"tickets that reopen an earlier ticket as a repeat fault"), "因重复故障重开先前工单的工单"),
        (new(@"tickets resolved remotely ÷ tickets resolved"), "远程解决的工单 ÷ 已解决工单"),
        (new(@"approved reports bearing the customer's stamp"), "已审批且加盖客户公章的服务报告"),
        (new(@"tickets resolved by phone or remote connection"), "电话指导或远程连接解决的工单"),
        (new(@"Σ quantity × unit price of the catalogue parts written off against signed reports from the person's stock"), "本人库存按签字报告销帐的目录备件 Σ 数量 × 单价"),
        (new(@"parts cost ÷ tickets the parts were written off against"), "备件成本 ÷ 销帐工单数"),
        (new(@"Σ expense lines charged to tickets on the person's claims paid in the period"), "本人期内已付款报销单中计入工单的费用合计"),
        (new(@"Σ amounts of the maintenance contracts in force the person answers for, signed in the period"), "本人负责、期内签订并已生效的维保合同金额合计"),
        (new(@"paid by the due date ÷ due, of the instalments of the person's contracts due in the period \(up to today\)"),
            "本人负责合同期内（截至今日）到期的应收款中，到期前收回金额 ÷ 应收金额"),
        (new(@"installation plans commissioned by their planned finish ÷ plans to finish in the period \(up to today\)"),
            "计划完成日前客户已签署调试报告的安装计划 ÷ 期内（截至今日）应完成的安装计划"),
        (new(@"returns that passed their first quality test ÷ returns first tested in the period"), "首次质检合格的返修品 ÷ 期内首次质检的返修品"),
        (new(@"returns completed by the day promised ÷ returns promised in the period \(up to today\)"),
            "按承诺日期完成的返修 ÷ 期内（截至今日）承诺完成的返修"),
        (new(@"mean days from receipt to sent back or refunded, of the returns completed in the period"), "期内完成的返修从收货到发回或退货的平均天数"),
        (new(@"Σ cost \(labour, parts, travel, compensation\) of the person's closed tickets reported in the period"), "本人期内报修且已关闭工单的成本合计（工时、备件、差旅、赔偿）"),
        (new(@"service cost ÷ closed tickets"), "服务成本 ÷ 已关闭工单数"),
        (new(@"closed tickets that cost more than the standard of their job type"), "成本超过其作业类型标准成本的已关闭工单"),
        (new(@"travel cost ÷ tickets it was charged to"), "差旅费用 ÷ 计入的工单数"),
        (new(@"100 − \(Σ cost − Σ standard\) ÷ Σ standard of the person's closed tickets with a standard, when above it"),
            "100 − （成本合计 − 标准成本合计）÷ 标准成本合计（本人有标准成本的已关闭工单，超支时）"),
        (new(@"\|actual − budget\| ÷ budget of the department's months in the period"), "期内各月部门 |实际费用 − 预算| ÷ 预算"),
        (new(@"the department's actual cost ÷ revenue received \(paid service confirmed, contract payments\) in the period"),
            "期内部门实际费用 ÷ 实收收入（已确认的有偿服务收款、维保合同回款）"),
        (new(@"valid complaints attributable to service ÷ tickets reported in the period"), "判定有效且属服务责任的投诉 ÷ 期内报修工单数"),
        (new(@"old parts back by their due day ÷ old parts back or overdue \(created in the period\)"), "按期返回的旧件 ÷ 已返回或已逾期的旧件（期内产生）"),
        (new(@"old parts created in the period and not back after their due day"), "期内产生、逾期仍未返回的旧件"),
        (new(@"old parts inspected within (\d+) days of their return ÷ old parts inspected"), "返回后 $1 天内鉴定的旧件 ÷ 已鉴定旧件"),
        (new(@"old parts disposed of within (\d+) days of their inspection ÷ old parts disposed of"), "鉴定后 $1 天内处理的旧件 ÷ 已处理旧件"),
        (new(@"secondary claims raised to suppliers"), "向供应商提出的二次索赔"),
        (new(@"Σ amounts recovered on claims settled"), "已结算索赔的实收金额合计"),
        (new(@"Σ recovered ÷ Σ claimed, claims settled or rejected"), "实收合计 ÷ 索赔合计（已结算或被拒的索赔）"),

        // Why someone is not assessed in a period.
        (new(@": no published Monthly plan for (.*)$"), "：$1 无已发布的月度考核方案"),
        (new(@": no published Quarterly plan for (.*)$"), "：$1 无已发布的季度考核方案"),
        (new(@": no published Annual plan for (.*)$"), "：$1 无已发布的年度考核方案"),
        (new(@"not employed on (\S+), the first day of (.+)$"), "$2 首日（$1）尚未入职"),
        (new(@"(on probation|regular|transferred \(on trial in a new position\)|left) on (\S+), the first day of (.+): not assessed$"), "$3 首日（$2）{status:1}：不参加考核"),
        (new(@"(on probation|regular|transferred \(on trial in a new position\)|left) from (\S+), within (.+): not assessed$"), "$3 内自 $2 起{status:1}：不参加考核"),

        (new(@"(on probation|regular|transferred \(on trial in a new position\)|left) throughout (.+): assessed$"), "$2 全期{status:1}：参加考核"),

        // Technical-grade pay for a month (R-GRD-2), the panel's weighted score (R-GRD-4), points (R-GRD-7).
        (new(@"(\d\d-\d\d)\.\.(\d\d-\d\d) \((\d+) d\): not yet graded"), "$1 至 $2（$3 天）：尚未定级"),
        (new(@"(\d\d-\d\d)\.\.(\d\d-\d\d) \((\d+) d\): (\S+) at (\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)/(\d+(?:\.\d+)?)"), "$1 至 $2（$3 天）：{level:4}标准 $5/$6/$7"),
        (new(@"\. base "), "。基本工资 "),
        (new(@"No graded day: 0\."), "无定级天数：0。"),
        (new(@"^base (\d)"), "基本工资 $1"),
        (new(@"^position "), "岗位工资 "),
        (new(@"^allowance "), "技术等级津贴 "),
        (new(@"^total "), "合计 "),
        (new(@"\b(Theory|Practical|Teaching) mean\("), "{part:1}平均("),
        (new(@" pass mark "), " 合格分 "),
        (new(@"→ passed 合格"), "→ 合格"),
        (new(@"→ failed 不合格"), "→ 不合格"),
        (new(@"^no points yet: 0 → (\S+)$"), "尚无积分：0 → {level:1}"),
        (new(@" \(the total never goes below 0\)"), "（累计积分不低于 0）"),
        (new(@"→ (\S+) \(([^)]+)\)$"), "→ $2"),
        (new(@"^reaches (\S+) \(([^)]+)\) at (\S+), which is appointed only after passing the examination$"), "积分达 $3 可晋 $2，须考评合格后聘任"),

        // Annual results from quarters, consequences.
        (new(@"^annual result = mean of the published quarters: "), "年度结果 = 已公示季度的平均分："),
        (new(@"^only (Q\d) assessed: "), "仅 $1 已考核："),
        (new(@" \(([^)]*) not assessed, left out\)"), "（$1 未考核，不计入）"),
        (new(@"(Q\d) was failed: no quarterly bonus for it; salary is not deducted"), "$1 不合格：该季度无奖金，不扣工资"),
        (new(@"no year-end assessment for (\d+): "), "$1 年不参加年终考核："),
        (new(@"(\d+) failed quarters"), "$1 个季度不合格"),
        (new(@"(\d+) yellow cards"), "$1 张黄牌"),
        (new(@"\ba red card\b"), "1 张红牌"),
        (new(@"(\d+) red cards"), "$1 张红牌"),
        (new(@"(\d+) consecutive failed monthly assessments"), "连续 $1 个月考核不合格"),
    ];

    /// <summary>Fixed prefixes after which the rest is a person's own words, shown as typed.</summary>
    [GeneratedRegex(@"^manual (\S+) \(range (\S+) to (\S+)\): ")]
    private static partial Regex ManualPrefix();

    /// <summary>The text in the current UI culture: Chinese through the phrase table, otherwise as computed.</summary>
    public static string Localize(string? text) => Localize(text, CultureInfo.CurrentUICulture);

    /// <summary>As <see cref="Localize(string?)"/>, with the indicator codes the text lists ("not scored: …") read as the plan names them.</summary>
    public static string Localize(string? text, IReadOnlyDictionary<string, string> indicatorNames) =>
        Localize(text, indicatorNames, CultureInfo.CurrentUICulture);

    public static string Localize(string? text, IReadOnlyDictionary<string, string> indicatorNames, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(indicatorNames);
        return NotScoredList().Replace(Localize(text, culture), m =>
            m.Groups[1].Value + string.Join(", ", m.Groups[2].Value.Split(", ").Select(c => indicatorNames.GetValueOrDefault(c, c))) + m.Groups[3].Value);
    }

    /// <summary>The list of indicator codes that had no data, in either language.</summary>
    [GeneratedRegex(@"(\(not scored: |（未计分：)([^)）]*)(\)|）)")]
    private static partial Regex NotScoredList();

    public static string Localize(string? text, CultureInfo culture)
    {
        if (string.IsNullOrEmpty(text) || !culture.Name.StartsWith("zh", StringComparison.Ordinal))
        {
            return text ?? "";
        }

        if (ManualPrefix().Match(text) is { Success: true } manual)
        {
            var g = manual.Groups;
            return $"人工评分 {g[1].Value}（范围 {g[2].Value} 至 {g[3].Value}）：" + text[manual.Length..];
        }

        // Parts joined by "; " are translated one by one, so the anchored phrases match at each part's start.
        return string.Join("；", text.Split("; ").Select(Translate));
    }

    private static readonly Dictionary<string, string> GroupNames = new(StringComparer.Ordinal)
    {
        ["self"] = "自评", ["superior"] = "上级", ["peers"] = "同事", ["subordinates"] = "下级", ["customers"] = "客户",
        ["other departments"] = "其他部门",
    };

    private static readonly Dictionary<string, string> TargetNames = new(StringComparer.Ordinal)
    {
        ["FirstResponse"] = "首次响应", ["Arrival"] = "到场", ["Resolution"] = "解决", ["WrittenContact"] = "书面联系", ["RemoteResolution"] = "远程解决",
    };

    private static readonly Dictionary<string, string> StatusNames = new(StringComparer.Ordinal)
    {
        ["on probation"] = "试用期", ["regular"] = "正式", ["transferred (on trial in a new position)"] = "调岗试用", ["left"] = "离职",
    };

    private static readonly Dictionary<string, string> LevelNames = new(StringComparer.Ordinal)
    {
        ["Trainee"] = "见习", ["Junior"] = "初级", ["Intermediate"] = "中级", ["Senior"] = "高级", ["Expert"] = "专家",
    };

    private static readonly Dictionary<string, string> ExamPartNames = new(StringComparer.Ordinal)
    {
        ["Theory"] = "理论", ["Practical"] = "实操", ["Teaching"] = "授课/案例",
    };

    [GeneratedRegex(@"\{(group|groups|target|status|level|part):(\d)\}")]
    private static partial Regex GroupPlaceholder();

    [GeneratedRegex(@"\b(other departments|self|superior|peers|subordinates|customers)\b")]
    private static partial Regex GroupName();

    private static string Translate(string part)
    {
        foreach (var (pattern, replacement) in ToChinese)
        {
            part = replacement.Contains('{', StringComparison.Ordinal)
                ? pattern.Replace(part, m => GroupPlaceholder().Replace(m.Result(replacement), p => Placeholder(p.Groups[1].Value, m.Groups[int.Parse(p.Groups[2].Value, CultureInfo.InvariantCulture)].Value)))
                : pattern.Replace(part, replacement);
        }

        return part;
    }

    private static string Placeholder(string kind, string value) => kind switch
    {
        "target" => TargetNames[value],
        "status" => StatusNames[value],
        "level" => LevelNames.GetValueOrDefault(value, value), // another scheme's own codes (P1…P8) read as they are
        "part" => ExamPartNames[value],
        _ => Groups(value),
    };

    private static string Groups(string names) =>
        GroupName().Replace(names.Replace(" and ", "、", StringComparison.Ordinal), m => GroupNames[m.Value]);
}
