export default defineContentScript({
  matches: ['https://x.com/*'],
  runAt: 'document_idle',
  main() {
    // Post annotations land with the mention detector (inline annotations issue).
  },
});
