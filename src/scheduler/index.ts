export { EventHeap } from './heap';
export { PHASE_RANKS, definePhase, phaseName, phaseRank, type PhaseName, type BuiltinPhase } from './phase';
export { SlotScheduler, type EventHandler, type TickHandler, type StopCondition, type StopReason } from './slot-scheduler';
export { SlotClock, type ClockConfig } from './slot-clock';
export { runPaced } from './realtime-pacing';
export { VirtualAction } from './rx-action';
