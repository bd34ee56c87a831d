import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The layering (docs/architecture.md, "Import rules"): entrypoints → components → lib/store → lib features → lib/model,
// lib/units. Each rule is a regex over the import's source, so relative and `@/` paths are caught alike.
const NO_COMPONENTS = { regex: '(^|/|@/)components(/|$)', message: 'lib/ never imports components/ (components render lib state, not the other way).' };
const NO_BACKGROUND = { regex: '(^|/|@/lib/)background(/|$)', message: 'lib/messaging is shared by every context: it never imports the worker (lib/background).' };
const NO_BROWSER = {
  regex: '^(wxt(/|$)|@wxt-dev/storage$|#imports$)',
  message: 'Browser APIs only in the worker, storage, messaging, stores and page-side folders (lib/background, lib/storage, lib/messaging, lib/store, lib/annotate, lib/wallet, components, entrypoints): the rest of lib/ runs in Node.',
};
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
/** Folders of lib/ that may use browser APIs (later entries in the config override earlier ones for the same file). */
const BROWSER_FOLDERS = ['lib/background/**', 'lib/storage/**', 'lib/store/**', 'lib/annotate/**', 'lib/wallet/**'];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-output/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Money is bigint; a stray float conversion is a bug worth a look.
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='parseFloat']", message: 'Parse amounts with lib/units, never parseFloat.' },
      ],
    },
  },
  {
    files: ['entrypoints/**', 'components/**', 'lib/**'],
    languageOptions: { globals: { defineBackground: 'readonly', defineContentScript: 'readonly', defineUnlistedScript: 'readonly' } },
  },
  { files: ['lib/**'], rules: restrict(NO_COMPONENTS, NO_BROWSER) },
  { files: BROWSER_FOLDERS, rules: restrict(NO_COMPONENTS) },
  { files: ['lib/messaging/**'], rules: restrict(NO_COMPONENTS, NO_BACKGROUND) },
);
