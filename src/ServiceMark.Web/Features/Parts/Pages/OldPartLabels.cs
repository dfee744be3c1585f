using Microsoft.Extensions.Localization;
using MudBlazor;
using ServiceMark.Domain.Parts;

namespace ServiceMark.Web.Features.Parts.Pages;

/// <summary>How an old part's state reads and is coloured wherever it is listed (the ticket's panel, 旧件管理, the workbench).</summary>
public static class OldPartLabels
{
    public static string State(IStringLocalizer localizer, OldPartView o) =>
        o.IsOverdue ? localizer["OldParts.Overdue"] : o.Status == OldPartStatus.Disposed && o.Disposal is { } d
            ? localizer[$"OldPartDisposal.{d}"]
            : localizer[$"OldPartStatus.{o.Status}"];

    public static Color Colour(OldPartView o) => o.IsOverdue ? Color.Error : o.Status switch
    {
        OldPartStatus.AwaitingReturn => Color.Warning,
        OldPartStatus.Returned or OldPartStatus.Inspected => Color.Info,
        _ => Color.Success,
    };
}
