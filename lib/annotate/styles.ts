/** The CSS inside our cards' and offers' shadow roots (colours: lib/page-ui/tokens.ts). Badges: see badge.ts. */
import { HOST_TOKENS_CSS } from '../page-ui/tokens';

export const CARD_CSS = `${HOST_TOKENS_CSS}
:host { all: initial; display: inline; font: 12px/1.35 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: var(--fg); }
.card { box-sizing: border-box; width: 320px; max-width: calc(100vw - 16px); padding: 10px 12px; border-radius: 8px;
  background: var(--bg); border: 1px solid var(--line); box-shadow: 0 6px 24px #0003; }
:host(.inline) .card { width: auto; max-width: 560px; box-shadow: none; margin: 8px 0; }
h2 { all: unset; display: block; font-weight: 600; font-size: 13px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; unicode-bidi: isolate; }
.warn { margin: 4px 0 0; font-size: 11px; font-weight: 600; color: var(--warn); }
.sym { opacity: .7; font-size: 11px; margin-left: .3em; }
table { border-collapse: collapse; width: 100%; margin-top: 6px; }
th { text-align: left; font-weight: 500; opacity: .75; padding: 2px 8px 2px 0; vertical-align: top; }
td { padding: 2px 0; text-align: right; }
.src { display: block; font-size: 10px; opacity: .6; }
tr[data-status] td { opacity: .6; }
tr[data-status] .src { opacity: 1; }
.asof, .mine { font-size: 11px; opacity: .75; margin-top: 6px; }
.actions { display: flex; gap: 6px; margin-top: 8px; }
button { font: inherit; padding: 3px 10px; border-radius: 4px; border: 1px solid var(--accent); background: var(--accent); color: var(--bg); cursor: pointer; }
button.secondary { background: transparent; color: inherit; }
button:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
[hidden] { display: none; }
`;
