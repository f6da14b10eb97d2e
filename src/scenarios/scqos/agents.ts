import { z } from 'zod';
import type { AgentEnvSpec } from '../../agents/agent.ts';
import { checkConfig, integerIn } from '../../agents/common/config-schema.ts';
import { D3QN_DEFAULTS, type D3qnConfig } from '../../agents/rl/d3qn/config.ts';
import { DDPG_CONFIG_SCHEMA } from '../../agents/rl/ddpg/config.ts';
import { DQN_CONFIG_SCHEMA } from '../../agents/rl/dqn/config.ts';
import { TD3_CONFIG_SCHEMA } from '../../agents/rl/td3/config.ts';
import { D3qn } from '../../agents/rl/d3qn/d3qn.ts';
import { Ddpg } from '../../agents/rl/ddpg/ddpg.ts';
import { HYBRID_SAC_CONFIG_SCHEMA, HYBRID_SAC_DEFAULTS, type HybridSacConfig } from '../../agents/rl/hybrid-sac/config.ts';
import { HybridSac } from '../../agents/rl/hybrid-sac/hybrid-sac.ts';
import { Td3 } from '../../agents/rl/td3/td3.ts';
import { RuleAgent } from '../../agents/wrappers/rule-agent.ts';
import { permutationFromIndex } from '../../models/phy/ofdm.ts';
import type { AgentEntry } from '../plugin.ts';
import { D3QN_SCQOS_PRESET, DDPG_SCQOS_PAPER, HYBRID_SAC_SCQOS_PRESET, TD3_SCQOS_PAPER } from './constants.ts';
import { estimatedReward, expectedSnrDb, guidedCodec, recordSimilarity } from './guided.ts';
import { MappedActionAgent } from './mapped-agent.ts';
import type { ScqosParams } from './params.ts';
import { discretisedSpace, fromDiscretised, fromRelaxed, relaxedSpace, resourceSpace, withCodecs } from './relax.ts';

/** Hybrid SAC with 001 Table II (3 x 512, lr 1e-4, gamma 0.99, tau 5e-3, target entropy -1, replay 2e4). */
export const HYBRID_SAC_SCQOS: HybridSacConfig = { ...HYBRID_SAC_DEFAULTS, ...HYBRID_SAC_SCQOS_PRESET };
/** D3QN with 001 Table III's lr 3e-4 and Table II's shape. */
export const D3QN_SCQOS: D3qnConfig = { ...D3QN_DEFAULTS, ...D3QN_SCQOS_PRESET };

/** The mapping-guided learner: hybrid SAC's fields plus how its S(n, SNR) record is made. */
export interface MappingGuidedConfig extends HybridSacConfig {
  /** SNR step of the record, dB (001 Fig. 10 compares several record accuracies). */
  readonly snrResolution_db: number;
  /** SNR range of the record, dB; beyond it the nearest end is read. */
  readonly recordMinSnr_db: number;
  readonly recordMaxSnr_db: number;
  /** Sentences averaged per record point. */
  readonly recordSentences: number;
}

export const MAPPING_GUIDED_SCQOS: MappingGuidedConfig = { ...HYBRID_SAC_SCQOS, snrResolution_db: 1, recordMinSnr_db: -10, recordMaxSnr_db: 40, recordSentences: 32 };

/** What `agentConfig.mapping-guided` may hold: hybrid SAC's fields and the record's. */
export const MAPPING_GUIDED_CONFIG_SCHEMA = HYBRID_SAC_CONFIG_SCHEMA.safeExtend({
  // Finer than 0.01 dB is below any SNR estimate, and the table (range / resolution points) would not fit in memory.
  snrResolution_db: z.number().min(0.01).max(20),
  recordMinSnr_db: z.number().min(-50).max(60),
  recordMaxSnr_db: z.number().min(-50).max(60),
  recordSentences: integerIn(1, 10_000),
}).refine((c) => c.recordMaxSnr_db >= c.recordMinSnr_db, { message: 'must be >= recordMinSnr_db', path: ['recordMaxSnr_db'] });

const withSpace = (spec: AgentEnvSpec, actionSpace: AgentEnvSpec['actionSpace']): AgentEnvSpec => ({ observationSpace: spec.observationSpace, actionSpace });

/**
 * scqos's agents (001 Section VI). One agent, the base station's allocator (`bs`), with the
 * hybrid action of `scqosActionSpace`; the baselines learn in their own spaces (relax.ts).
 */
export const SCQOS_AGENTS: Readonly<Record<string, AgentEntry<ScqosParams>>> = {
  'hybrid-sac': {
    learns: true,
    description: 'proposed (non-guided): SAC for bandwidth and beams + D-SAC for codec and subchannel, one replay (001 Algorithm 4, Table II)',
    config: HYBRID_SAC_SCQOS,
    configSchema: HYBRID_SAC_CONFIG_SCHEMA,
    create: ({ spec, random, overrides }) => new HybridSac(spec, { ...HYBRID_SAC_SCQOS, ...overrides }, random),
  },
  d3qn: {
    learns: true,
    description: 'D3QN over a discretisation: codec and subchannel as chosen, bandwidth and beam power each "equal" or "favour one user" (lr 3e-4, 001 Table III)',
    config: D3QN_SCQOS,
    configSchema: DQN_CONFIG_SCHEMA,
    create: ({ spec, params: p, random, overrides }) => new MappedActionAgent('d3qn', new D3qn(withSpace(spec, discretisedSpace(p)), { ...D3QN_SCQOS, ...overrides }, random), (a) => fromDiscretised(a.discrete!, p)),
  },
  ddpg: {
    learns: true,
    description: 'DDPG over a relaxation: the continuous part plus codec and subchannel scores (argmax codec, greedy distinct subchannels) (lr 2e-4, 001 Table III)',
    config: DDPG_SCQOS_PAPER,
    configSchema: DDPG_CONFIG_SCHEMA,
    create: ({ spec, params: p, random, overrides }) => new MappedActionAgent('ddpg', new Ddpg(withSpace(spec, relaxedSpace(p)), { ...DDPG_SCQOS_PAPER, ...overrides }, random), (a) => fromRelaxed(a.continuous!, p)),
  },
  td3: {
    learns: true,
    description: 'TD3 over the same relaxation as ddpg (lr 3e-4, 001 Table III)',
    config: TD3_SCQOS_PAPER,
    configSchema: TD3_CONFIG_SCHEMA,
    create: ({ spec, params: p, random, overrides }) => new MappedActionAgent('td3', new Td3(withSpace(spec, relaxedSpace(p)), { ...TD3_SCQOS_PAPER, ...overrides }, random), (a) => fromRelaxed(a.continuous!, p)),
  },
  'rate-only': {
    learns: true,
    description: '"rate-only optimised" (001 Section VI-C): hybrid SAC learns bandwidth, beams and subchannels; SBQ bits are random every slot',
    config: HYBRID_SAC_SCQOS,
    configSchema: HYBRID_SAC_CONFIG_SCHEMA,
    create: ({ spec, params: p, random, overrides }) => {
      const codecs = random.stream('agent/codec');
      const inner = new HybridSac(withSpace(spec, resourceSpace(p)), { ...HYBRID_SAC_SCQOS, ...overrides }, random);
      return new MappedActionAgent('rate-only', inner, (a) => withCodecs(a, Int32Array.from({ length: p.users }, () => codecs.int(p.bits.length))), undefined, { codec: codecs });
    },
  },
  random: {
    learns: false,
    description: 'random scheme (001 Section VI-C): codec, subchannels, bandwidth and beams uniform every slot',
    create: ({ spec, random }) => {
      const s = random.stream('agent/random');
      const space = spec.actionSpace;
      if (space.kind !== 'hybrid') throw new TypeError('scqos random needs the hybrid action space');
      return new RuleAgent('random', () => ({
        continuous: Float32Array.from({ length: space.continuous.size }, () => s.uniformIn(-1, 1)),
        discrete: Int32Array.from(space.discrete.nvec, (n) => s.int(n)),
      }));
    },
  },
  'mapping-guided': {
    learns: true,
    description: 'mapping-guided (001 Section VI-D): hybrid SAC learns resources; the codec and the reward it learns from come from a pre-recorded S(n, SNR) table at snrResolution_db',
    config: MAPPING_GUIDED_SCQOS,
    configSchema: MAPPING_GUIDED_CONFIG_SCHEMA,
    create: ({ spec, params: p, random, overrides }) => {
      const { snrResolution_db, recordMinSnr_db, recordMaxSnr_db, recordSentences, ...sac } = { ...MAPPING_GUIDED_SCQOS, ...overrides };
      checkConfig(MAPPING_GUIDED_CONFIG_SCHEMA, { snrResolution_db, recordMinSnr_db, recordMaxSnr_db, recordSentences, ...sac }, 'mapping-guided');
      const record = recordSimilarity(p, snrResolution_db, { min: recordMinSnr_db, max: recordMaxSnr_db }, recordSentences);
      const inner = new HybridSac(withSpace(spec, resourceSpace(p)), sac, random);
      const toScenario = (a: { continuous?: Float32Array; discrete?: Int32Array }, obs: Float32Array) => {
        const subchannel = permutationFromIndex(a.discrete![0], p.subchannels);
        return withCodecs(a, Int32Array.from({ length: p.users }, (_, u) => guidedCodec(record, expectedSnrDb(obs, a, subchannel, u, p), p)));
      };
      return new MappedActionAgent('mapping-guided', inner, toScenario, (t, action) => estimatedReward(record, t, action, p));
    },
  },
};
