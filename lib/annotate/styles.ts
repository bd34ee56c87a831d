/** The CSS inside our cards' and offers' shadow roots: one sheet shared by all (built once). Badges: see badge.ts. */
const CSS = `
:host { all: initial; display: inline; font: 12px/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #111418; }
:host([data-theme='dark']) { color: #e8eaed; }
.card { box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px); padding: 10px 12px; border-radius: 8px;
  background: #fff; border: 1px solid #d0d5db; box-shadow: 0 6px 24px #0003; }
:host([data-theme='dark']) .card { background: #161a1f; border-color: #2c323a; }
:host(.inline) .card { width: auto; max-width: 560px; box-shadow: none; margin: 8px 0; }
h2 { all: unset; display: block; font-weight: 600; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
.warn { margin: 4px 0 0; font-size: 11px; font-weight: 600; color: #a15c00; }
:host([data-theme='dark']) .warn { color: #f0b35a; }
.sym { opacity: .7; font-size: 11px; margin-left: .3em; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; }
th { text-align: left; font-weight: 500; opacity: .75; padding: 2px 8px 2px 0; vertical-align: top; }
td { padding: 2px 0; text-align: right; }
.src { display: block; font-size: 10px; opacity: .6; }
tr[data-status] td { opacity: .6; }
tr[data-status] .src { opacity: 1; }
.asof, .mine { font-size: 11px; opacity: .75; margin-top: 6px; }
.actions { display: flex; gap: 6px; margin-top: 8px; }
button { font: inherit; padding: 3px 10px; border-radius: 4px; border: 1px solid #0b7a5b; background: #0b7a5b; color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: inherit; }
button:focus-visible { outline: 2px solid #0b7a5b; outline-offset: 1px; }
`;

let shared: CSSStyleSheet | null | undefined;

/** Adds our CSS to a shadow root: a shared constructed sheet where the world allows it, else a <style>. */
export function applyStyles(root: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    try {
      root.adoptedStyleSheets = [shared];
      return;
    } catch {
      // Some isolated worlds refuse adopting: fall through to a <style> element.
    }
  }
  const style = root.ownerDocument.createElement('style');
  style.textContent = CSS;
  root.append(style);
}
