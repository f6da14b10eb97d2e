/**
 * Compares the physics of two toscn runs slot by slot, to the last bit, when their traces
 * differ in shape (vector-valued kit events instead of per-device ones, events moved between
 * actors). Both runs must be NDJSON traces of the same scenario, seed and episodes:
 *
 *   npx tsx scripts/compare-physics.ts /tmp/kit-before /tmp/kit-after
 *
 * Per (episode, slot) it extracts, from whichever events carry them in each trace: every
 * device's fading |g|^2 and total channel gain, task and distance, arrivals, queue after the
 * arrivals and after the transmission, compression, packet size and accuracy, rate, capacity
 * and delivered packets; the observation vector, the raw and applied decision, and the
 * slot's rewards and metrics. Then `summary.json`'s `agents` and `training` blocks. Exits 1 on
 * the first differences (listing up to 20), 0 when everything is equal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

type Rec = { episode: number; slot: number; type: string; phase: string; payload: any };
type Values = Map<string, unknown>;

/** Physics values of a trace by key `episode/slot/quantity[/device]`. */
function extract(dir: string): Values {
  const out: Values = new Map();
  const put = (r: Rec, name: string, value: unknown): void => {
    const key = `${r.episode}/${r.slot}/${name}`;
    if (out.has(key)) throw new Error(`${dir}: two values for ${key}`);
    out.set(key, value);
  };
  for (const line of readFileSync(join(dir, 'trace.ndjson'), 'utf8').split('\n')) {
    if (!line) continue;
    const r = JSON.parse(line) as Rec;
    const p = r.payload;
    switch (r.type) {
      case 'task.assigned':
        put(r, `task/${p.user}`, [p.task, p.distance]);
        break;
      case 'channel.evolved':
        // Per device (before) or one vector for the link set (after).
        if (Array.isArray(p.fading)) p.fading.forEach((f: number, u: number) => put(r, `fading/${u}`, f));
        else {
          put(r, `fading/${p.user}`, p.fading);
          put(r, `gain/${p.user}`, p.gain);
        }
        break;
      case 'traffic.arrived':
        put(r, `arrivals/${p.user}`, p.packets);
        break;
      case 'buffer.updated':
        if (p.cause !== 'reset') put(r, `queue-after-${p.cause}/${p.user}`, [p.queue, p.accepted, p.dropped, p.delivered]);
        break;
      case 'observation.ready':
        if (p.final) put(r, 'final-observation', [p.observation, p.gain, p.queue, p.taskCounts]);
        else {
          put(r, 'observation', [p.observation, p.queue, p.taskCounts]);
          // The before trace also has each device's gain in channel.evolved: both must agree.
          p.gain.forEach((g: number, u: number) => put(r, `observed-gain/${u}`, g));
        }
        break;
      case 'decision.made':
        put(r, `decision.made/${p.forSlot}`, [p.agent, p.action]);
        break;
      case 'decision.applied':
        put(r, 'applied', [p.forSlot, p.applied]);
        break;
      case 'codec.inferred':
        put(r, `codec/${p.user}`, [p.task, p.compression, p.packetBits, p.accuracy]);
        break;
      case 'transmission.completed':
        put(r, 'transmission', [p.rate, p.capacity, p.delivered]);
        break;
      case 'reward.computed':
        put(r, 'reward', [p.rewards, p.metrics]);
        break;
      // Traces since issue 15 also hold per-packet events (off by default) and packet.summary: extra quantities, not physics.
      case 'packet.summary':
        put(r, `packet-summary/${p.user}`, p);
        break;
    }
  }
  return out;
}

/** Adds `gain/u` to a trace that only has observed gains (the gain of slot s is the one observed in slot s). */
function withGains(v: Values): void {
  for (const [k, g] of v) {
    const m = /^(\d+\/\d+)\/observed-gain\/(\d+)$/.exec(k);
    if (m && !v.has(`${m[1]}/gain/${m[2]}`)) v.set(`${m[1]}/gain/${m[2]}`, g);
  }
}

/**
 * Metrics added by one side only (e.g. the packet-timing metrics of issue 15) are set aside:
 * the shared keys of each `reward` must agree. Returns the added key names.
 */
function sharedMetrics(a: Values, b: Values): Set<string> {
  const added = new Set<string>();
  for (const [k, va] of a) {
    const vb = b.get(k);
    if (!k.endsWith('/reward') || vb === undefined) continue;
    const [ra, ma] = va as [unknown, Record<string, number>];
    const [rb, mb] = vb as [unknown, Record<string, number>];
    const keep = (m: Record<string, number>, other: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([n]) => (n in other ? true : (added.add(n), false))));
    a.set(k, [ra, keep(ma, mb)]);
    b.set(k, [rb, keep(mb, ma)]);
  }
  return added;
}

function main(): void {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) throw new Error('usage: npx tsx scripts/compare-physics.ts BEFORE_DIR AFTER_DIR');
  const before = extract(a);
  const after = extract(b);
  withGains(before);
  withGains(after);
  const added = sharedMetrics(before, after);
  for (const v of [before, after]) for (const k of [...v.keys()]) if (k.includes('/packet-summary/') && !(before.has(k) && after.has(k))) v.delete(k);
  const problems: string[] = [];
  const counts = new Map<string, number>();
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const quantity = key.split('/')[2];
    counts.set(quantity, (counts.get(quantity) ?? 0) + 1);
    if (!before.has(key) || !after.has(key)) problems.push(`${key}: only in ${before.has(key) ? a : b}`);
    else if (!isDeepStrictEqual(before.get(key), after.get(key))) problems.push(`${key}: ${JSON.stringify(before.get(key))} != ${JSON.stringify(after.get(key))}`);
  }
  const summary = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const sa = summary(a);
  const sb = summary(b);
  for (const name of Object.keys(sa.agents ?? {})) {
    for (const m of added) {
      delete sa.agents[name][m];
      delete sb.agents?.[name]?.[m];
    }
  }
  for (const block of ['agents', 'training', 'evalSeeds', 'episodes'] as const) {
    if (!isDeepStrictEqual(sa[block], sb[block])) problems.push(`summary.json ${block} differs`);
  }
  if (added.size) console.log(`metrics present on one side only (set aside): ${[...added].join(', ')}`);
  const slots = new Set([...before.keys()].map((k) => k.split('/').slice(0, 2).join('/'))).size;
  console.log(`compared ${before.size} values over ${slots} (episode, slot) pairs, bit for bit:`);
  console.log([...counts].map(([q, n]) => `  ${q}: ${n}`).join('\n'));
  console.log(`summary.json agents, training, evalSeeds, episodes: ${problems.some((p) => p.startsWith('summary')) ? 'DIFFERENT' : 'identical'}`);
  if (problems.length) {
    console.log(`${problems.length} differences:\n${problems.slice(0, 20).join('\n')}`);
    process.exit(1);
  }
  console.log('physics identical');
}

main();
