/**
 * A user's own scenario, registered from outside the registry with the public API (what
 * `import ... from 'semsim'` gives; here the same module by path). docs/extending.md quotes it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkParallelEnv, createParallelEnv, findScenario, parseScenario, registerScenario, RuleAgent, runScenario, unregisterScenario } from '../../../src/index.ts';
import type { AgentEntry, AnyScenarioPlugin } from '../../../src/index.ts';
import { edgeQueuePlugin } from '../../../src/scenarios/edge-queue/index.ts';
import { EdgeQueueSchema, type EdgeQueueParams } from '../../../src/scenarios/edge-queue/schema.ts';

// An agent: a rule that always offers the top rate level.
const top: AgentEntry<EdgeQueueParams> = {
  learns: false,
  description: 'always the top rate level L-1',
  create: ({ params }) => new RuleAgent('top', () => ({ discrete: Int32Array.of(params.levels - 1) })),
};

// A plug-in of a new kind: edge-queue's pieces, its own `scenario:` value, one more agent.
const myEdge: AnyScenarioPlugin = {
  ...edgeQueuePlugin,
  kind: 'my-edge',
  schema: EdgeQueueSchema.extend({ scenario: z.literal('my-edge') }),
  agents: { ...edgeQueuePlugin.agents, top },
};

describe("a user's plug-in, registered with registerScenario", () => {
  // Test files share one module graph per worker: leave the registry as it was found.
  afterAll(() => void unregisterScenario('my-edge'));

  it('is found, checked, and run like a built-in', async () => {
    registerScenario(myEdge);
    expect(findScenario('my-edge')).toBe(myEdge);
    expect(checkParallelEnv(() => createParallelEnv({ scenario: 'my-edge', run: { slotsPerEpisode: 10 } }), { steps: 200 }).problems).toEqual([]);

    const loaded = parseScenario('scenario: my-edge\nrun: { slotsPerEpisode: 20, evalEpisodes: 4, evalSeeds: 2 }\nagents: [top, greedy]\n');
    const result = await runScenario(loaded, { seed: 1, episodes: 1, agents: loaded.file.agents });
    expect(Object.keys(result.agents)).toEqual(['top', 'greedy']);
    expect(result.agents.top.level.mean).toBe(4);
  });

  it('must have a new kind and a reward metric', () => {
    expect(() => registerScenario(myEdge)).toThrow(/already registered/);
    expect(() => registerScenario({ ...myEdge, kind: 'no-reward', metrics: [] })).toThrow(/must include 'reward'/);
  });

  it('can be unregistered again; a built-in cannot', () => {
    expect(() => unregisterScenario('toscn')).toThrow(/built in/);
    expect(unregisterScenario('never-registered')).toBe(false);
  });
});
