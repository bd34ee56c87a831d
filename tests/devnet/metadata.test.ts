// The devnet's metadata is the repository's own file, byte for byte the one its README describes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_METADATA, loadMetadataBytes } from './metadata';

describe('bundled metadata', () => {
  it('is the mainnet spec-424 file the provenance note names (sha256)', () => {
    const bytes = readFileSync(BUNDLED_METADATA);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe('66ee6af3ca885bb752f3e21ba1722e07d6aff7f242abd3e7abb8ac4f2774fb77');
    expect(Buffer.from(bytes.subarray(0, 4)).toString('latin1')).toBe('meta');
    expect(bytes[4]).toBe(16);
  });

  it('is what the devnet loads when nothing overrides it', async () => {
    const saved = process.env.TAOLENS_METADATA;
    delete process.env.TAOLENS_METADATA;
    try {
      const { source } = await loadMetadataBytes();
      expect(source).toBe(BUNDLED_METADATA);
    } finally {
      if (saved !== undefined) process.env.TAOLENS_METADATA = saved;
    }
  });
});
