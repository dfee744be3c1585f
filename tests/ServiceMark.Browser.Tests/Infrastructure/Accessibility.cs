using Deque.AxeCore.Commons;
using Microsoft.Playwright;

namespace ServiceMark.Browser.Tests.Infrastructure;

/// <summary>
/// axe-core (the Deque.AxeCore package's bundled copy, so no npm is needed on a fresh machine) runs inside every page a
/// test opens: once per address, as soon as the page has settled (no DOM change for 0.7 s and no finite animation
/// running, at most 4 s after the first change), so the pages reached by clicking are checked like those opened by
/// address. Critical and serious violations are reported, and so is a page without a main landmark or a level-one
/// heading (axe rates those "moderate", but a screen reader user navigates by them).
/// </summary>
public static class Accessibility
{
    private static readonly Lazy<string> Script = new(() => new BundledAxeScriptProvider().GetScript() + """

        ;(() => {
          if (window.top !== window) return;
          const seen = new Set(), retries = new Map();
          let timer = 0, since = 0, running = null, changedWhileRunning = false;
          const settled = () => document.readyState === 'complete' && document.getAnimations().every(a =>
            a.playState !== 'running' || (a.effect && a.effect.getTiming().iterations === Infinity));
          async function check(force) {
            const key = location.pathname + location.search;
            if (seen.has(key) || typeof axe === 'undefined' || !document.body) return;
            if (running) { if (force) { await running; return check(true); } schedule(); return; }
            if (!force && !settled() && Date.now() - since < 4000) { schedule(); return; }
            seen.add(key);
            // Colours are judged at rest: a snackbar fading in is not low contrast, it is not there yet. The title too: Blazor's
            // head outlet writes it after the body on a reload or a navigation, and axe caught it empty once in CI.
            for (const until = Date.now() + 3000; (!settled() || !document.title) && Date.now() < until;) await new Promise(r => setTimeout(r, 100));
            let done;
            running = new Promise(resolve => done = resolve);
            try {
              let result, runs = 0;
              do {
                changedWhileRunning = false;
                result = await axe.run(document, { resultTypes: ['violations'] });
              } while (force && changedWhileRunning && ++runs < 3);
              // A page that changed while axe walked it (a title or a list arriving) is judged again once it settles,
              // so a half-rendered state is neither blamed nor excused; after three tries the last result stands.
              const tries = retries.get(key) || 0;
              if (changedWhileRunning && !force && tries < 3) {
                retries.set(key, tries + 1);
                seen.delete(key);
                return;
              }
              for (const v of result.violations) {
                if (v.impact === 'critical' || v.impact === 'serious' || v.id === 'landmark-one-main' || v.id === 'page-has-heading-one') {
                  await window.__smAxeReport(`${key} ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => `${n.target.join(' ')} (${(n.any[0] || n.all[0] || {}).message || ''})`).join(' | ')}`);
                }
              }
            } finally {
              running = null; since = 0; done();
              if (!seen.has(key)) schedule();
            }
          }
          function schedule() {
            if (!since) since = Date.now();
            clearTimeout(timer);
            timer = setTimeout(() => check(false), 700);
          }
          window.__smAxeCheckNow = () => check(true);
          new MutationObserver(() => { if (running) changedWhileRunning = true; schedule(); }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          addEventListener('load', schedule);
        })();
        """);

    /// <summary>Every page of this context checks itself and reports here.</summary>
    public static async Task WatchAsync(IBrowserContext context, Action<string> report)
    {
        await context.ExposeFunctionAsync("__smAxeReport", (string violation) => report(violation));
        await context.AddInitScriptAsync(Script.Value);
    }

    /// <summary>Checks the page's current address now if it has not been checked yet (its last state before a test ends).</summary>
    public static async Task CheckNowAsync(IPage page)
    {
        try
        {
            await page.EvaluateAsync("() => window.__smAxeCheckNow && window.__smAxeCheckNow()");
        }
        catch (PlaywrightException)
        {
            // The page was closed or is navigating: its next address is checked when it settles.
        }
    }

    public static async Task FlushAsync(IBrowserContext context)
    {
        foreach (var page in context.Pages.Where(p => !p.IsClosed))
        {
            await CheckNowAsync(page);
        }
    }
}
