/** The popup's root: grows into the portfolio and the subnet board. */
export function PopupApp() {
  return (
    <main aria-label="TaoLens">
      <h1 style={{ fontSize: 16, margin: 12 }}>TaoLens</h1>
    </main>
  );
}
