/**
 * The writer thread's half of `payload-codec.ts`: the op stream back to canonical JSON text,
 * byte for byte what `canonicalJson` gives for the encoded payload.
 */
import { ARRAY, FALSE, NULL, NUM, OBJECT, STR, TEXT, TRUE, TYPED, type EncodedPayloads } from './payload-codec.ts';

/** Key orders the decoder remembers before it starts over. */
const MAX_SHAPES = 4096;

/** A node of the shape trie: the key ids so far lead here; `order` is set where an object's keys end. */
interface ShapeNode {
  readonly next: Map<number, ShapeNode>;
  order: number[] | undefined;
}

/** Decodes batches on the writer thread into canonical JSON texts (see the module comment). */
export class PayloadDecoder {
  /** Each key as a JSON string literal followed by `:`, by key id. */
  private readonly keyTexts: string[] = [];
  private readonly keyNames: string[] = [];
  /** Sorted key orders, in a trie by the sequence of key ids an object came with (objects of one event type share one). */
  private shapes: ShapeNode = { next: new Map(), order: undefined };
  private shapeCount = 0;
  /** The key ids and value texts of the objects being decoded, innermost last (`depth` entries). */
  private readonly stackIds: number[] = [];
  private readonly stackTexts: string[] = [];
  private depth = 0;
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
    this.depth = 0;
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
        // JSON.stringify of a finite number is its ToString (ECMA-262, SerializeJSONProperty), without the serializer's entry cost.
        return String(ops[this.at++]);
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
        for (let i = 0; i < n; i++) s += (i ? ',' : '') + String(ops[this.at++]);
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
    // Key ids and value texts on a stack shared by nested objects: no arrays per object.
    const base = this.depth;
    this.depth += count;
    const ids = this.stackIds;
    const texts = this.stackTexts;
    // The shape (key ids in arrival order) is looked up in a trie of key ids: no key string per object.
    let node = this.shapes;
    for (let i = 0; i < count; i++) {
      const id = this.ops[this.at++];
      ids[base + i] = id;
      texts[base + i] = this.value();
      let next = node.next.get(id);
      if (!next) node.next.set(id, (next = { next: new Map(), order: undefined }));
      node = next;
    }
    let order = node.order;
    if (!order) {
      const names = this.keyNames;
      const own = ids.slice(base, base + count);
      // The default string order of Array.prototype.sort (UTF-16 code units), as canonicalJson's.
      order = node.order = own.map((_, i) => i).sort((a, b) => (names[own[a]] < names[own[b]] ? -1 : names[own[a]] > names[own[b]] ? 1 : 0));
      // Objects with data-dependent keys (a map per device, say) would grow the trie without bound.
      if (++this.shapeCount >= MAX_SHAPES) {
        this.shapes = { next: new Map(), order: undefined };
        this.shapeCount = 0;
      }
    }
    let s = '{';
    for (let i = 0; i < count; i++) {
      const j = base + order[i];
      s += (i ? ',' : '') + this.keyTexts[ids[j]] + texts[j];
    }
    this.depth = base;
    return s + '}';
  }
}
