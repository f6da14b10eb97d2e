import { describe, expect, it } from 'vitest';
import { parseAgentList } from '../../../src/run/sweep/cli-child.ts';

describe('reading `semsim list`', () => {
  it('takes one agent list for all scenarios', () => {
    const out = 'scenarios:\n  toscn                a description\nagents:\n  ddpg                 DDPG with ...\n  random               uniform\n';
    expect(parseAgentList(out)).toEqual({ all: ['ddpg', 'random'], byKind: {} });
  });

  it('takes agent lists per scenario kind', () => {
    const out =
      'scenario toscn: Task-oriented (paper 003)\n  agents:\n    ddpg                 DDPG\n    random               uniform\n' +
      'scenario edge-queue: K devices\n  agents:\n    dqn                  DQN per device\n    greedy               offers\n';
    expect(parseAgentList(out)).toEqual({ all: undefined, byKind: { toscn: ['ddpg', 'random'], 'edge-queue': ['dqn', 'greedy'] } });
  });
});
