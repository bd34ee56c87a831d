/**
 * The panel's stylesheet (inside its closed shadow root; the page's CSS cannot reach it), after HOST_TOKENS_CSS
 * (lib/page-ui/tokens.ts): light or dark as the page looks (`data-theme` on the host), in the cards' colours.
 * Custom properties survive `all: initial`. Written compact, one rule a line, by hand: it ships as is in the
 * panel's injected code (a CSS minifier once folded the guard's translate/scale/rotate into transform, dropping them).
 *
 * The second rule is what the page must not change (clickjacking): the shadow tree's !important wins over the
 * page's, even its !important.
 */
export const PANEL_CSS = `
:host{all:initial !important}
:host{display:block !important;position:fixed !important;top:0 !important;left:0 !important;width:0 !important;height:0 !important;z-index:2147483647 !important;opacity:1 !important;visibility:visible !important;filter:none !important;transform:none !important;translate:none !important;scale:none !important;rotate:none !important;clip-path:none !important;mask:none !important;mix-blend-mode:normal !important;pointer-events:auto !important;overflow:visible !important;contain:none !important}
.panel{position:fixed;top:16px;right:16px;z-index:2147483647;width:380px;max-height:calc(100vh - 32px);overflow:auto;box-sizing:border-box;background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:10px;box-shadow:0 8px 30px rgba(0,0,0,.25);font:13px/1.4 system-ui,sans-serif;padding:12px 14px}
h2{font-size:15px;margin:0 0 8px;display:flex;justify-content:space-between;align-items:center}
.close{border:0;background:none;font-size:18px;cursor:pointer;color:inherit}
.tabs{display:flex;flex-wrap:wrap;gap:4px;margin-bottom:8px}
.tabs button{border:1px solid #999;background:transparent;color:inherit;border-radius:12px;padding:2px 8px;cursor:pointer;font-size:12px}
.tabs button[aria-pressed="true"]{background:var(--accent);color:var(--bg);border-color:var(--accent)}
label{display:block;margin:6px 0 2px;font-weight:600;font-size:12px}
input,select{box-sizing:border-box;width:100%;padding:5px 6px;border:1px solid #aaa;border-radius:6px;font:inherit;background:inherit;color:inherit}
.row{display:flex;gap:6px;align-items:center}
.row>*{flex:1}
.row>.narrow{flex:0 0 auto;width:auto}
button.narrow{font:inherit;padding:4px 10px;border:1px solid var(--line);border-radius:6px;background:transparent;color:inherit;cursor:pointer}
.hint{color:var(--muted);font-size:12px}
.error{color:var(--bad);font-size:12px;margin:4px 0}
.warn{color:var(--warn);font-size:12px;margin:2px 0}
.danger{color:var(--bad);font-weight:600}
.quote{margin-top:8px;border-top:1px solid var(--line);padding-top:6px}
.quote dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0}
.quote dt{color:var(--muted)}
.quote dd{margin:0;text-align:right;font-variant-numeric:tabular-nums}
pre.call{white-space:pre-wrap;word-break:break-all;font-size:11px;background:rgba(127,127,127,.12);padding:6px;border-radius:6px;margin:6px 0}
.confirm{width:100%;margin-top:8px;padding:8px;border:0;border-radius:8px;background:var(--accent);color:var(--bg);font-weight:600;cursor:pointer;font-size:14px}
.confirm:disabled{background:#94a3b8;cursor:not-allowed}
.fingerprint{margin-top:6px;padding:6px;border:2px solid var(--accent);border-radius:6px;font-size:12px}
.fingerprint code{display:block;word-break:break-all;font-weight:600;margin-top:2px}
.status{margin-top:8px;padding:6px;border-radius:6px;background:rgba(127,127,127,.12)}
.status.failed,.status.dropped{background:rgba(185,28,28,.12)}
.status.finalized,.status.in-block{background:rgba(22,163,74,.12)}
.vlist{max-height:120px;overflow:auto;border:1px solid var(--line);border-radius:6px;margin-top:4px}
.vlist button{display:flex;width:100%;justify-content:space-between;border:0;background:none;color:inherit;padding:3px 6px;cursor:pointer;font:inherit;font-size:12px;text-align:left}
.vlist button[aria-pressed="true"]{background:color-mix(in srgb,var(--accent) 15%,transparent)}
.vlist:empty{display:none}
.legs td{padding:1px 4px;font-size:12px}
`;
