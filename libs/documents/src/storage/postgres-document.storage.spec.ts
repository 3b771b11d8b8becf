import { Readable } from 'node:stream';
import { rechunk } from './postgres-document.storage';

async function collect(pieces: Buffer[], size: number): Promise<number[]> {
  const out: number[] = [];
  for await (const chunk of rechunk(Readable.from(pieces), size)) out.push(chunk.length);
  return out;
}

describe('rechunk', () => {
  it('re-slices pieces of any size into chunks of exactly the size, the last shorter', async () => {
    expect(await collect([Buffer.alloc(3), Buffer.alloc(5), Buffer.alloc(9)], 4)).toEqual([
      4, 4, 4, 4, 1,
    ]);
    expect(await collect([Buffer.alloc(8)], 4)).toEqual([4, 4]);
    expect(await collect([], 4)).toEqual([]);
  });

  it('keeps the bytes in order', async () => {
    const source = Readable.from([Buffer.from('abc'), Buffer.from('defgh')]);
    const chunks: string[] = [];
    for await (const chunk of rechunk(source, 3)) chunks.push(chunk.toString());
    expect(chunks).toEqual(['abc', 'def', 'gh']);
  });
});
