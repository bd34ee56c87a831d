/**
 * TaoLens's design tokens: the colours every surface uses (popup, options, and the UI we put into pages), as CSS
 * custom properties `--bg`, `--fg`, `--accent`, …. One place, so the accent is not copied from file to file.
 */
const LIGHT = {
  bg: '#ffffff',
  fg: '#111418',
  muted: '#5b6470',
  line: '#e3e6ea',
  accent: '#0b7a5b',
  warn: '#a15c00',
  bad: '#b42318',
  surface: '#f6f7f9',
  info: '#1f5fbf',
};
const DARK: typeof LIGHT = {
  bg: '#0f1216',
  fg: '#e8eaed',
  muted: '#9aa3ad',
  line: '#262b31',
  accent: '#3ccf9a',
  warn: '#f0b54a',
  bad: '#ff7b72',
  surface: '#161a20',
  info: '#7cb7ff',
};

export type Theme = 'light' | 'dark';
export type Token = keyof typeof LIGHT;

/** One token's value, for CSS that cannot use custom properties (a rule on the page's own elements). */
export function tokenValue(token: Token, theme: Theme = 'light'): string {
  return (theme === 'dark' ? DARK : LIGHT)[token];
}

const declarations = (t: typeof LIGHT) => Object.entries(t).map(([name, value]) => `--${name}:${value}`).join(';');

/** For a shadow root of ours in a page: light, dark when its host carries `data-theme="dark"` (the page's look). */
export const HOST_TOKENS_CSS = `:host{${declarations(LIGHT)}}:host([data-theme=dark]){${declarations(DARK)}}`;

/** For an extension page (popup, options): light, dark with the system's preference. */
export const PAGE_TOKENS_CSS = `:root{${declarations(LIGHT)}}@media (prefers-color-scheme:dark){:root{${declarations(DARK)}}}`;
