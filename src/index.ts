/**
 * semsim's public API (`import { ... } from 'semsim'`). Property-test helpers for your own CI
 * are in `semsim/testing`.
 */
// Scenarios: plug-ins, the registry, scenario files.
export { defineScenario } from './scenarios/plugin.ts';
export type {
  AgentContext,
  AgentEntry,
  AgentSlot,
  AnyScenarioPlugin,
  BuildOptions,
  BuiltScenario,
  MetricAggregate,
  MetricSpec,
  ReportContext,
  ReportSection,
  ScenarioPlugin,
} from './scenarios/plugin.ts';
export { findScenario, registerScenario, unregisterScenario, scenarioKinds, toscnPlugin, semanticSimilarity } from './scenarios/registry.ts';
export { loadScenario, parseScenario, scenarioJsonSchema, validateScenario, type LoadedScenario } from './scenarios/loader.ts';
export { runFileShape, type RunDefaults, type RunFile } from './scenarios/shared-schema.ts';
export { InputError } from './scenarios/errors.ts';
export { createEnv, createParallelEnv } from './create-env.ts';

// Environments and their checkers.
export { SimEnv } from './envs/sim-env.ts';
export { SimParallelEnv, type SimEnvOptions, type SlotInfo } from './envs/sim-parallel-env.ts';
export { checkEnv, checkParallelEnv, sampleAction, type CheckOptions, type CheckReport } from './envs/check-env.ts';
export { InvalidActionError } from './envs/action-check.ts';
export type { Env, ParallelEnv, ResetResult, StepResult } from './envs/types.ts';

// The engine: events, scheduler, actors.
export { ActionPayload, EventCatalogue, KERNEL_EVENTS, defineEvents, kernelEvent, validateEvent } from './events/index.ts';
export type { AnyEvent, CataloguePart, Envelope, EventSpec, EventsOf, KernelEvent, KernelEventType, PhaseTick } from './events/index.ts';
export { PHASE_RANKS, PhaseTable, SlotClock, SlotScheduler, runPaced, type PhaseDefinition, type PhaseName, type StopCondition } from './scheduler/index.ts';
export { ActorSystem, listensOf, type Emitted, type Wiring } from './actors/system.ts';
export { Simulation, toTraceRecord, type SimulationConfig } from './actors/simulation.ts';
export { KIT_EVENTS, type KitEvent, type KitEventOf } from './actors/kit-events.ts';
export { agentHostMachine, actionPayload, type ActionLike, type AgentHostInput } from './actors/agent-host.machine.ts';
export { bufferMachine, acceptArrivals, sendPackets, type BufferInput, type DropPolicy } from './actors/buffer.machine.ts';
export { timedBufferMachine, type ArrivalTiming, type TimedBufferInput } from './actors/timed-buffer.machine.ts';
export { TimedQueue, type QueueSummary, type SlotService, type DelaySummary, type PacketObserver } from './actors/packets/timed-queue.ts';
export { PacketStore, type ServiceDiscipline, type PacketRecord } from './actors/packets/packet-store.ts';
export { drawLatency, type LatencyModel } from './actors/packets/latency.ts';
export { linkSetMachine, type LinkSetInput } from './actors/link-set.machine.ts';
export { trafficSourceMachine, type TrafficSourceInput } from './actors/traffic-source.machine.ts';
export { controllerMachine, type ControllerSpec, type ControllerInput } from './actors/controller.machine.ts';
export { decisionArrival, type DecisionDelay } from './actors/decision-delay.ts';

// Runs.
export { runScenario, evaluationSeeds, type AgentSummary, type RunOptions, type RunProgress, type RunResult } from './run/pipeline.ts';
export { meanCi95, type Interval } from './run/stats.ts';

// Agents.
export type { Agent, AgentEnvSpec, Transition, UpdateInfo } from './agents/agent.ts';
export { box, discrete, hybrid, multiDiscrete, contains, flatSize, type Action, type Space } from './agents/common/spaces.ts';
export { initBackend, activeBackend, type BackendName } from './agents/common/backend.ts';
export { Ddpg } from './agents/rl/ddpg/ddpg.ts';
export { Td3 } from './agents/rl/td3/td3.ts';
export { Sac } from './agents/rl/sac/sac.ts';
export { Dqn } from './agents/rl/dqn/dqn.ts';
export { DQN_DEFAULTS, type DqnConfig } from './agents/rl/dqn/config.ts';
export { D3qn } from './agents/rl/d3qn/d3qn.ts';
export { Drqn } from './agents/rl/drqn/drqn.ts';
export { DiscreteSac } from './agents/rl/dsac/dsac.ts';
export { HybridSac } from './agents/rl/hybrid-sac/hybrid-sac.ts';
export { A2c } from './agents/rl/a2c/a2c.ts';
export { RuleAgent } from './agents/wrappers/rule-agent.ts';

// Randomness, traces, models.
export { RootRandom, RandomStream } from './random/index.ts';
export { MemorySink, NdjsonSink, DuckDbSink, DuckDbWorkerSink, createSink, traceHash, hashRecords, readTrace, exportParquet, type TraceRecord, type TraceSink } from './trace/index.ts';
export * as models from './models/index.ts';
