/** The settings page's root. */
export function OptionsApp() {
  return (
    <main aria-label="TaoLens settings">
      <h1>TaoLens settings</h1>
    </main>
  );
}
