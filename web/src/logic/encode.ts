// What people have (a drawing, a WAV file) as a model's input bytes, and a result's bytes as what
// people want to see. The chain checks an input's length against the model's entry; these
// functions never guess: what they cannot encode is an error in words.

/** A model's entry as the chain describes it (the fields the page needs). */
export interface ModelSpec {
  /** Element type of the input tensor. */
  inputType: ElementType;
  /** Input tensor shape. */
  inputShape: number[];
  /** How results are encoded. */
  output: OutputEncoding;
}

/** The input tensor's element types the chain knows. */
export type ElementType = 'U8' | 'I8' | 'I16' | 'I32' | 'I64' | 'F32' | 'F64';

/** How a model's output becomes result bytes. */
export type OutputEncoding =
  | { type: 'Argmax' }
  | { type: 'TopK'; value: { k: number } }
  | { type: 'FixedPoint'; value: { scale: number } }
  | { type: 'Threshold'; value: { threshold_ppm: number } };

/** A result as a person reads it. */
export type Reading =
  | { kind: 'label'; label: number }
  | { kind: 'labels'; labels: number[] }
  | { kind: 'values'; values: number[] }
  | { kind: 'bits'; bits: boolean[] }
  | { kind: 'error' }
  | { kind: 'bytes'; hex: string };

/** The result every node reveals for an input the model cannot take (see the protocol). */
export const ERROR_RESULT = new Uint8Array([0xff, 0xff, 0xff, 0xff]);

const ELEMENT_SIZE: Record<ElementType, number> = { U8: 1, I8: 1, I16: 2, I32: 4, I64: 8, F32: 4, F64: 8 };

/** How many elements the model's input has. */
export function elementCount(spec: ModelSpec): number {
  return spec.inputShape.reduce((a, d) => a * d, 1);
}

/** The input's length in bytes, as the chain checks it. */
export function inputLength(spec: ModelSpec): number {
  return elementCount(spec) * ELEMENT_SIZE[spec.inputType];
}

/**
 * `values` as the model's input: little-endian elements of its type, exactly as many as its shape
 * holds. Integers must fit the type; there is no silent rounding or clamping.
 */
export function encodeInput(spec: ModelSpec, values: ArrayLike<number>): Uint8Array {
  const count = elementCount(spec);
  if (values.length !== count) {
    throw new Error(`the model takes ${count} values, not ${values.length}`);
  }
  const size = ELEMENT_SIZE[spec.inputType];
  const out = new DataView(new ArrayBuffer(count * size));
  for (let i = 0; i < count; i++) {
    const v = values[i];
    switch (spec.inputType) {
      case 'F32':
        out.setFloat32(i * 4, v, true);
        break;
      case 'F64':
        out.setFloat64(i * 8, v, true);
        break;
      case 'I64':
        checkInteger(v, -(2 ** 53), 2 ** 53, i);
        out.setBigInt64(i * 8, BigInt(v), true);
        break;
      default: {
        const [min, max] = INTEGER_RANGE[spec.inputType];
        checkInteger(v, min, max, i);
        if (size === 1) out.setUint8(i, v & 0xff);
        else if (size === 2) out.setInt16(i * 2, v, true);
        else out.setInt32(i * 4, v, true);
      }
    }
  }
  return new Uint8Array(out.buffer);
}

const INTEGER_RANGE: Record<string, [number, number]> = {
  U8: [0, 255],
  I8: [-128, 127],
  I16: [-32768, 32767],
  I32: [-(2 ** 31), 2 ** 31 - 1],
};

function checkInteger(v: number, min: number, max: number, at: number) {
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new Error(`value ${at + 1} (${v}) is not a whole number from ${min} to ${max}`);
  }
}

/**
 * A drawing as the digits model's 8x8 input, the way its training data (UCI optical digits) was
 * made: the picture's 32x32 bitmap (a cell is ink when at least half its pixels are), then the ink
 * cells counted in each 4x4 block, 0 to 16. `alpha` is the canvas's RGBA pixel data (ink is any
 * opaque pixel), `size` its side in pixels, a multiple of 32.
 */
export function digitsFromDrawing(rgba: ArrayLike<number>, size: number): number[] {
  if (size % 32 !== 0 || rgba.length !== size * size * 4) {
    throw new Error(`a drawing is a square of a multiple of 32 pixels (got ${size})`);
  }
  const cell = size / 32;
  const bitmap: boolean[] = [];
  for (let y = 0; y < 32; y++) {
    for (let x = 0; x < 32; x++) {
      let ink = 0;
      for (let dy = 0; dy < cell; dy++) {
        for (let dx = 0; dx < cell; dx++) {
          const p = ((y * cell + dy) * size + (x * cell + dx)) * 4;
          if (rgba[p + 3] >= 128) ink++;
        }
      }
      bitmap.push(ink * 2 >= cell * cell);
    }
  }
  const counts: number[] = [];
  for (let by = 0; by < 8; by++) {
    for (let bx = 0; bx < 8; bx++) {
      let n = 0;
      for (let y = 0; y < 4; y++) for (let x = 0; x < 4; x++) if (bitmap[(by * 4 + y) * 32 + bx * 4 + x]) n++;
      counts.push(n);
    }
  }
  return counts;
}

/** The sample rate the voice-activity model takes. */
export const SAMPLE_RATE = 16_000;

/**
 * A WAV file's samples (16-bit PCM, mono, 16 kHz, as the worker's task client takes them) as
 * floats in [-1, 1), cut or zero-padded to `length`; `notes` say what was changed.
 */
export function wavSamples(file: ArrayBuffer, length: number): { samples: Float32Array; notes: string[] } {
  const view = new DataView(file);
  const tag = (at: number) => String.fromCharCode(...new Uint8Array(file, at, 4));
  if (file.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('not a WAV file');
  let format: { channels: number; rate: number; bits: number; pcm: boolean } | null = null;
  let at = 12;
  while (at + 8 <= file.byteLength) {
    const id = tag(at);
    const len = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      format = {
        pcm: view.getUint16(body, true) === 1,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      if (!format) throw new Error('a WAV file whose data comes before its format');
      if (!format.pcm || format.bits !== 16 || format.channels !== 1 || format.rate !== SAMPLE_RATE) {
        throw new Error(
          `the model takes 16-bit PCM, mono, 16 kHz audio; this file is ${format.bits}-bit, ${format.channels} channel(s), ${format.rate} Hz (convert it: sox in.wav -r 16000 -c 1 -b 16 out.wav)`,
        );
      }
      const available = Math.min(len, file.byteLength - body) >> 1;
      const samples = new Float32Array(length);
      for (let i = 0; i < Math.min(available, length); i++) samples[i] = view.getInt16(body + 2 * i, true) / 32768;
      const notes: string[] = [];
      if (available > length) notes.push(`cut to the model's first ${length} samples (${length / SAMPLE_RATE} s)`);
      if (available < length) notes.push(`padded ${length - available} samples with silence to ${length}`);
      return { samples, notes };
    }
    at = body + len + (len & 1);
  }
  throw new Error('a WAV file without audio data');
}

/** A verified result as a person reads it. */
export function readResult(output: OutputEncoding, result: Uint8Array): Reading {
  if (result.length === ERROR_RESULT.length && result.every((b, i) => b === ERROR_RESULT[i])) return { kind: 'error' };
  const words = (signed: boolean) => {
    const v = new DataView(result.buffer, result.byteOffset, result.byteLength);
    return Array.from({ length: result.length >> 2 }, (_, i) => (signed ? v.getInt32(i * 4, true) : v.getUint32(i * 4, true)));
  };
  switch (output.type) {
    case 'Argmax':
      if (result.length === 4) return { kind: 'label', label: words(false)[0] };
      break;
    case 'TopK':
      return { kind: 'labels', labels: words(false) };
    case 'FixedPoint':
      return { kind: 'values', values: words(true).map((w) => w / output.value.scale) };
    case 'Threshold':
      return { kind: 'bits', bits: Array.from({ length: result.length * 8 }, (_, i) => ((result[i >> 3] >> (i & 7)) & 1) === 1) };
  }
  return { kind: 'bytes', hex: toHex(result) };
}

/** Bytes as 0x-prefixed lowercase hex. */
export function toHex(bytes: Uint8Array): string {
  return '0x' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
