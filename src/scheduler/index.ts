export { EventHeap } from './heap.ts';
export { PHASE_RANKS, PhaseTable, phaseRank, type PhaseName, type BuiltinPhase, type PhaseDefinition } from './phase.ts';
export { SlotScheduler, type EventHandler, type TickHandler, type StopCondition, type StopReason } from './slot-scheduler.ts';
export { SlotClock, type ClockConfig } from './slot-clock.ts';
export { runPaced } from './realtime-pacing.ts';
export { VirtualAction } from './rx-action.ts';
