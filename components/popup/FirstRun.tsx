/** No accounts yet: how to get some. */
export function FirstRun() {
  return (
    <section className="first-run" data-testid="first-run" aria-labelledby="first-run-heading">
      <h2 id="first-run-heading">No accounts yet</h2>
      <p>
        <strong>Connect a wallet:</strong> open a supported page such as <a href="https://taostats.io" target="_blank" rel="noreferrer">taostats.io</a>{' '}
        with your wallet extension (Talisman, SubWallet or polkadot.js). TaoLens lists the accounts your wallet shares there, by the names your
        wallet gives them.
      </p>
      <p>
        <strong>Or watch an address:</strong> paste any Bittensor coldkey (SS58) under Accounts above. Watch-only addresses are read from the chain;
        nothing is signed.
      </p>
    </section>
  );
}
