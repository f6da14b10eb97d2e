/** Packet traffic models: pure per-slot samplers, each drawing from the stream it is given. */
export { type PoissonTraffic, poissonArrivals } from './poisson.ts';
export { type OnOffTraffic, checkOnOff, initialOnOff, onOffDutyCycle, onOffMeanRate, stepOnOff } from './onoff.ts';
import type { OnOffTraffic } from './onoff.ts';
import type { PoissonTraffic } from './poisson.ts';

/** A traffic model of the kit's traffic source. */
export type TrafficModel = PoissonTraffic | OnOffTraffic;
