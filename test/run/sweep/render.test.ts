import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { k8sName, podCommand, renderIndexedJob } from '../../../src/run/sweep/k8s.ts';
import { arraySpec, renderSbatch, shellQuote } from '../../../src/run/sweep/slurm.ts';

describe('Slurm and Kubernetes emit', () => {
  it('compresses shard indices into an --array list', () => {
    expect(arraySpec([0, 1, 2, 5, 7, 8])).toBe('0-2,5,7-8');
    expect(arraySpec([3])).toBe('3');
    expect(arraySpec([4, 2, 3, 3])).toBe('2-4');
  });

  const sbatch = renderSbatch({
    manifest: "/shared/it's/manifest.json",
    indices: [0, 1, 3],
    jobName: 'semsim-x',
    logDir: '/shared/logs',
    command: ['/usr/bin/node', '/opt/semsim/dist/cli/index.js'],
    throttle: 4,
    time: '1:00:00',
    mem: '2G',
    partition: 'short',
  });

  it('writes an sbatch job array with throttle, time, memory and partition', () => {
    expect(sbatch).toMatch(/^#!\/bin\/bash\n/);
    for (const line of ['#SBATCH --array=0-1,3%4', '#SBATCH --time=1:00:00', '#SBATCH --mem=2G', '#SBATCH --partition=short', '#SBATCH --job-name=semsim-x', '#SBATCH --output=/shared/logs/slurm-%A_%a.out']) {
      expect(sbatch).toContain(line);
    }
    expect(sbatch).toContain(`shard ${shellQuote("/shared/it's/manifest.json")} "$SLURM_ARRAY_TASK_ID"`);
    execFileSync('bash', ['-n'], { input: sbatch });
  });

  it('runs the shard command with SLURM_ARRAY_TASK_ID (SEMSIM replaces the CLI)', () => {
    const out = execFileSync('bash', ['-s'], { input: sbatch, env: { ...process.env, SEMSIM: 'echo semsim', SLURM_ARRAY_TASK_ID: '3' } }).toString();
    expect(out.trim()).toBe("semsim shard /shared/it's/manifest.json 3");
  });

  it('rejects bad flag values naming the flag', () => {
    const o = { manifest: '/m', indices: [0], jobName: 'j', logDir: '/l', command: ['node'] };
    expect(() => renderSbatch({ ...o, time: 'soon' })).toThrow(/--time soon: allowed: /);
    expect(() => renderSbatch({ ...o, mem: '2 GB' })).toThrow(/--mem 2 GB: allowed: /);
  });

  it('writes an Indexed Job whose pods run semsim shard with JOB_COMPLETION_INDEX', () => {
    const job = parseYaml(renderIndexedJob({ name: 'Toscn figs_9', shards: 16, parallelism: 4, image: 'reg/semsim:1', pvc: 'sweeps', mount: '/data/sweep/', memory: '2Gi' }));
    expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'semsim-toscn-figs-9' }, spec: { completionMode: 'Indexed', completions: 16, parallelism: 4 } });
    const pod = job.spec.template.spec;
    expect(pod.volumes).toEqual([{ name: 'sweep', persistentVolumeClaim: { claimName: 'sweeps' } }]);
    expect(pod.containers[0]).toMatchObject({ image: 'reg/semsim:1', volumeMounts: [{ name: 'sweep', mountPath: '/data/sweep/' }], resources: { limits: { memory: '2Gi' } } });
    const [sh, flag, script] = pod.containers[0].command;
    expect([sh, flag, script]).toEqual(['sh', '-c', podCommand('/data/sweep/')]);
    const out = execFileSync('sh', ['-c', script], { env: { ...process.env, SEMSIM: 'echo semsim', JOB_COMPLETION_INDEX: '7' } }).toString();
    expect(out.trim()).toBe('semsim shard /data/sweep/manifest.json 7');
    expect(k8sName('x'.repeat(80))).toHaveLength(63);
  });
});
