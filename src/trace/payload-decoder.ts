/**
 * The writer thread's half of `payload-codec.ts`: the op stream back to canonical JSON text,
 * byte for byte what `canonicalJson` gives for the encoded payload.
 */
import { ARRAY, FALSE, NULL, NUM, OBJECT, STR, TEXT, TRUE, TYPED, type EncodedPayloads } from './payload-codec.ts';

/** Key orders the decoder remembers before it starts over. */
const MAX_SHAPES = 4096;

/** Decodes batches on the writer thread into canonical JSON texts (see the module comment). */
export class PayloadDecoder {
  /** Each key as a JSON string literal followed by `:`, by key id. */
  private readonly keyTexts: string[] = [];
  private readonly keyNames: string[] = [];
  /** Sorted key order by the sequence of key ids an object came with (objects of one event type share it). */
  private readonly orders = new Map<string, number[]>();
  private ops: Float64Array = new Float64Array(0);
  private length = 0;
  private strings: string[] = [];
  private at = 0;

  /** Decodes `count` payloads of a batch, in order. */
  decode(batch: EncodedPayloads, count: number): string[] {
    for (const k of batch.newKeys) {
      this.keyNames.push(k);
      this.keyTexts.push(`${JSON.stringify(k)}:`);
    }
    this.ops = batch.ops;
    this.length = batch.length;
    this.strings = batch.strings;
    this.at = 0;
    const out = new Array<string>(count);
    for (let i = 0; i < count; i++) out[i] = this.value();
    if (this.at !== this.length) throw new Error(`trace: payload batch has ${this.length - this.at} undecoded values`);
    return out;
  }

  private value(): string {
    const ops = this.ops;
    const tag = ops[this.at++];
    switch (tag) {
      case NUM:
        return JSON.stringify(ops[this.at++]);
      case STR:
        return JSON.stringify(this.strings[ops[this.at++]]);
      case TRUE:
        return 'true';
      case FALSE:
        return 'false';
      case NULL:
        return 'null';
      case TEXT:
        return this.strings[ops[this.at++]];
      case ARRAY: {
        const n = ops[this.at++];
        let s = '[';
        for (let i = 0; i < n; i++) s += (i ? ',' : '') + this.value();
        return s + ']';
      }
      case TYPED: {
        const n = ops[this.at++];
        let s = '[';
        for (let i = 0; i < n; i++) s += (i ? ',' : '') + JSON.stringify(ops[this.at++]);
        return s + ']';
      }
      case OBJECT:
        return this.object(ops[this.at++]);
      default:
        throw new Error(`trace: corrupt payload batch (tag ${tag} at ${this.at - 1})`);
    }
  }

  private object(count: number): string {
    if (count === 0) return '{}';
    const ids = new Array<number>(count);
    const texts = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      ids[i] = this.ops[this.at++];
      texts[i] = this.value();
    }
    const shape = ids.join(',');
    let order = this.orders.get(shape);
    if (!order) {
      const names = this.keyNames;
      // The default string order of Array.prototype.sort (UTF-16 code units), as canonicalJson's.
      order = ids.map((_, i) => i).sort((a, b) => (names[ids[a]] < names[ids[b]] ? -1 : names[ids[a]] > names[ids[b]] ? 1 : 0));
      // Objects with data-dependent keys (a map per device, say) would grow the cache without bound.
      if (this.orders.size >= MAX_SHAPES) this.orders.clear();
      this.orders.set(shape, order);
    }
    let s = '{';
    for (let i = 0; i < count; i++) {
      const j = order[i];
      s += (i ? ',' : '') + this.keyTexts[ids[j]] + texts[j];
    }
    return s + '}';
  }
}
