import { describe, expect, it } from 'vitest';
import { type ModelSpec, digitsFromDrawing, encodeInput, inputLength, readResult, wavSamples } from '../src/logic/encode';

const digits: ModelSpec = { inputType: 'U8', inputShape: [1, 64], output: { type: 'Argmax' } };
const vad: ModelSpec = { inputType: 'F32', inputShape: [8], output: { type: 'Threshold', value: { threshold_ppm: 500_000 } } };

/** A WAV file of 16-bit samples. */
function wav(samples: number[], { rate = 16_000, channels = 1, bits = 16 } = {}): ArrayBuffer {
  const data = samples.length * 2;
  const v = new DataView(new ArrayBuffer(44 + data));
  const tag = (at: number, s: string) => [...s].forEach((c, i) => v.setUint8(at + i, c.charCodeAt(0)));
  tag(0, 'RIFF');
  v.setUint32(4, 36 + data, true);
  tag(8, 'WAVE');
  tag(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, rate, true);
  v.setUint32(28, rate * 2 * channels, true);
  v.setUint16(32, 2 * channels, true);
  v.setUint16(34, bits, true);
  tag(36, 'data');
  v.setUint32(40, data, true);
  samples.forEach((s, i) => v.setInt16(44 + 2 * i, s, true));
  return v.buffer;
}

describe('inputs', () => {
  it('encodes elements little-endian, exactly as many as the shape holds', () => {
    expect(inputLength(digits)).toBe(64);
    expect(encodeInput(digits, Array(64).fill(16))).toEqual(new Uint8Array(64).fill(16));
    expect(() => encodeInput(digits, Array(63).fill(0))).toThrow('takes 64 values, not 63');
    expect(() => encodeInput(digits, [...Array(63).fill(0), 256])).toThrow('value 64 (256) is not a whole number from 0 to 255');
    expect(() => encodeInput(digits, [...Array(63).fill(0), 1.5])).toThrow('not a whole number');
    const f = encodeInput({ ...vad, inputShape: [2] }, [1, -0.5]);
    expect([...f]).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xbf]);
  });

  it('reads a drawing the way the digits data set was made: 4x4 blocks of a 32x32 bitmap, 0 to 16', () => {
    const size = 64; // two pixels per bitmap cell
    const rgba = new Uint8ClampedArray(size * size * 4);
    const ink = (x: number, y: number) => (rgba[(y * size + x) * 4 + 3] = 255);
    // The first 8x8-pixel block (one 4x4 block of cells) fully inked.
    for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) ink(x, y);
    // In the block to its right, one cell whose four pixels are half inked (counts) and one with a
    // single pixel (does not).
    ink(8, 0);
    ink(9, 0);
    ink(10, 2);
    const grid = digitsFromDrawing(rgba, size);
    expect(grid.length).toBe(64);
    expect(grid[0]).toBe(16);
    expect(grid[1]).toBe(1);
    expect(grid.slice(2).every((v) => v === 0)).toBe(true);
    expect(() => digitsFromDrawing(new Uint8ClampedArray(30 * 30 * 4), 30)).toThrow('multiple of 32');
  });

  it('takes 16 kHz mono 16-bit WAV, scaled by 32768, padded or cut to the model', () => {
    const short = wavSamples(wav([16384, -32768]), 4);
    expect([...short.samples]).toEqual([0.5, -1, 0, 0]);
    expect(short.notes).toEqual(['padded 2 samples with silence to 4']);
    const long = wavSamples(wav([1, 2, 3, 4, 5]), 2);
    expect(long.samples.length).toBe(2);
    expect(long.notes[0]).toMatch(/^cut to the model's first 2 samples/);
    expect(() => wavSamples(wav([1], { rate: 44_100 }), 4)).toThrow('44100 Hz');
    expect(() => wavSamples(wav([1], { channels: 2 }), 4)).toThrow('2 channel(s)');
    expect(() => wavSamples(new ArrayBuffer(8), 4)).toThrow('not a WAV file');
  });
});

describe('results', () => {
  it('reads labels, marks, values and the error result', () => {
    expect(readResult({ type: 'Argmax' }, new Uint8Array([7, 0, 0, 0]))).toEqual({ kind: 'label', label: 7 });
    expect(readResult({ type: 'Argmax' }, new Uint8Array([0xff, 0xff, 0xff, 0xff]))).toEqual({ kind: 'error' });
    expect(readResult({ type: 'TopK', value: { k: 2 } }, new Uint8Array([3, 0, 0, 0, 9, 0, 0, 0]))).toEqual({ kind: 'labels', labels: [3, 9] });
    expect(readResult({ type: 'FixedPoint', value: { scale: 100 } }, new Uint8Array([0x9c, 0xff, 0xff, 0xff]))).toEqual({ kind: 'values', values: [-1] });
    // Chunks least significant bit first: chunks 0 and 9 hold speech.
    const bits = readResult({ type: 'Threshold', value: { threshold_ppm: 500_000 } }, new Uint8Array([0b1, 0b10]));
    expect(bits.kind === 'bits' && bits.bits.flatMap((b, i) => (b ? [i] : []))).toEqual([0, 9]);
    expect(readResult({ type: 'Argmax' }, new Uint8Array([1, 2]))).toEqual({ kind: 'bytes', hex: '0x0102' });
  });
});
