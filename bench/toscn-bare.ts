/**
 * The toscn physics as a bare typed-array loop, no actors, no scheduler, no events: the floor
 * the actor version is measured against in `bench:engine`. Same models, same named streams,
 * same order of operations, so for the same seeds and actions it returns the same rewards as
 * the simulation, bit for bit (the bench checks this before timing).
 *
 * Per episode: each device's drop, task and large-scale gain (003 eqs. 15-16), its fading
 * start and its streams. Per slot: Gauss-Markov fading (eq. 17), Poisson arrivals (joining
 * the buffer after the transmission, eq. 20, or before it with `same-slot` timing), the observation (eq. 35), the allocation from the action (eq. 36), the
 * compressed packet size and accuracy (eqs. 12, 21), Shannon rates (eqs. 13-14), delivered
 * packets and the queue update (eq. 19), and the reward (eq. 37).
 */
import { acceptArrivals, sendPackets } from '../src/actors/buffer.machine.ts';
import { dropInCell, drawShadowingDb, largeScaleGain } from '../src/models/channel/index.ts';
import { resetGaussMarkovLinks, stepGaussMarkovLinks } from '../src/models/channel/gaussMarkov.ts';
import { taskAccuracy } from '../src/models/semantic/accuracy.ts';
import { compressedPacketBits, packetCapacity } from '../src/models/semantic/buffer.ts';
import { rateWithDensity } from '../src/models/phy/rate.ts';
import { RootRandom, type RandomStream } from '../src/random/index.ts';
import { allocationFromAction, buildObservation, slotReward } from '../src/scenarios/toscn/logic.ts';
import type { ToscnParams } from '../src/scenarios/toscn/params.ts';
import { bitPerSecond, bits, db, hz, metre, watt } from '../src/units.ts';

/** Runs `episodes` episodes (episode e seeded `seeds(e)`) with a fixed action; returns every slot's reward. */
export function bareToscn(p: ToscnParams, episodes: number, seeds: (episode: number) => number, action: ArrayLike<number>): Float64Array {
  const D = p.devices;
  const tasks = new Int32Array(D);
  const alpha = new Float64Array(D);
  const gains = new Float64Array(D);
  const queues = new Float64Array(D);
  const packetBits = new Float64Array(D);
  const accuracy = new Float64Array(D);
  const delivered = new Float64Array(D);
  const arrivals = new Int32Array(D);
  const fading = { re: new Float64Array(D), im: new Float64Array(D) };
  const rewards = new Float64Array(episodes * p.slotsPerEpisode);
  let k = 0;
  for (let e = 0; e < episodes; e++) {
    const root = new RootRandom(seeds(e));
    const layout = p.redrawEachEpisode ? root : new RootRandom(0);
    const channel: RandomStream[] = [];
    const traffic: RandomStream[] = [];
    for (let u = 0; u < D; u++) {
      const [x, y] = dropInCell(layout.stream(`placement/u${u}`), { radius: metre(p.cellRadius), minDistance: metre(p.minDistance) });
      const distance = Math.hypot(x, y);
      tasks[u] = layout.stream(`task/u${u}`).int(p.tasks.length);
      const pathLoss = db(p.pathLossIntercept + p.pathLossSlope * Math.log10(distance / 1000));
      alpha[u] = p.antennaGain * largeScaleGain(pathLoss, drawShadowingDb(layout.stream(`shadowing/u${u}`), p.shadowingStdDb));
      channel.push(root.stream(`channel/u${u}`));
      traffic.push(root.stream(`traffic/u${u}`));
      queues[u] = 0;
    }
    resetGaussMarkovLinks(fading, channel);
    for (let s = 0; s < p.slotsPerEpisode; s++) {
      stepGaussMarkovLinks(fading, p.rho, channel);
      const sameSlot = p.packetTiming === 'same-slot';
      for (let u = 0; u < D; u++) {
        gains[u] = alpha[u] * (fading.re[u] ** 2 + fading.im[u] ** 2);
        arrivals[u] = traffic[u].poisson(p.arrivalMean);
        if (sameSlot) queues[u] = acceptArrivals(queues[u], p.bufferCapacity, arrivals[u]).queue;
      }
      // The agent would act on this observation; the bench's action is fixed.
      buildObservation(tasks, gains, queues, p);
      const a = allocationFromAction(action, p);
      for (let u = 0; u < D; u++) {
        const eta = a.compression[u];
        packetBits[u] = compressedPacketBits(eta, p.packetBits);
        accuracy[u] = taskAccuracy(p.tasks[tasks[u]], eta);
        const rate = rateWithDensity(hz(a.bandwidth[u]), watt(a.power[u]), gains[u], p.noiseDensity);
        const capacity = packetCapacity(p.slotLength, bitPerSecond(rate), bits(packetBits[u]));
        delivered[u] = Math.min(capacity, queues[u]);
        queues[u] = sendPackets(queues[u], delivered[u]).queue;
        // 003 eqs. 19-20 (the default): the slot's arrivals join after it sent.
        if (!sameSlot) queues[u] = acceptArrivals(queues[u], p.bufferCapacity, arrivals[u]).queue;
      }
      rewards[k++] = slotReward(delivered, accuracy, p.accuracyFloor).reward;
    }
  }
  return rewards;
}
