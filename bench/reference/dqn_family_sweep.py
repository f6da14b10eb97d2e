"""Seed sweeps of the DQN family on CartPole-v1 in PyTorch, all seeds of a setting trained at once.

The SB3 DQN loop of `dqn_cartpole.py` (RL Zoo CartPole-v1 settings, same evaluation protocol
budget as `npm run verify:agents`: greedy, 5 episodes every 5000 steps, 10 final episodes), with
the seeds of one setting batched into one set of `bmm` networks so that a 10-seed sweep is one
process. One generator serves the whole sweep, so a seed's run depends on the seed list:
compare settings on the same list. Each seed has its own weights, replay, Adam moments and gradient-norm clip; the
networks start like semsim's `Mlp` (He uniform, zero biases; `"init": "torch"` for PyTorch's).
Used to choose `D3QN_CARTPOLE_PRESET` on seeds 100-119 before validating it in semsim on 0-9.
Settings are a JSON object over `D` below: `lr`, `decay` (Keras lr / (1 + d * updates)),
`lin_lr_end` (anneal linearly to this value over the run; 0 = RL Zoo's `lin_<lr>`), `tf`/`gs`
(train_freq / gradient steps), `tui` (target copy interval), `dueling`, `double`, ...
Optional: needs python3 with torch and numpy (not part of the stack). About 17 min for 10
seeds of 5e4 steps on one core.

    python3 bench/reference/dqn_family_sweep.py 100,101,102 '{"lin_lr_end": 0}'
"""
import math, sys, time, json
import numpy as np
import torch as th

D = dict(lr=2.3e-3, decay=0.0, tf=256, gs=128, tui=10, batch=64, gamma=0.99, dueling=True, double=True,
         hidden=256, eps_end=0.04, eps_dur=8000, starts=1000, steps=50000, lin_lr_end=None, init='keras', clip=10.0, buffer=100000)

class VecCartPole:
    def __init__(self, n, rng): self.n, self.rng = n, rng; self.s = np.zeros((n, 4)); self.t = np.zeros(n, int)
    def reset_idx(self, m):
        k = int(m.sum())
        if k: self.s[m] = self.rng.uniform(-0.05, 0.05, (k, 4)); self.t[m] = 0
    def step(self, a):
        x, xd, th_, thd = self.s.T
        force = np.where(a == 1, 10.0, -10.0)
        c, s = np.cos(th_), np.sin(th_)
        temp = (force + 0.05 * thd * thd * s) / 1.1
        tha = (9.8 * s - c * temp) / (0.5 * (4.0 / 3.0 - 0.1 * c * c / 1.1))
        xa = temp - 0.05 * tha * c / 1.1
        self.s = np.stack([x + 0.02 * xd, xd + 0.02 * xa, th_ + 0.02 * thd, thd + 0.02 * tha], 1)
        self.t += 1
        term = (np.abs(self.s[:, 0]) > 2.4) | (np.abs(self.s[:, 2]) > 12 * 2 * math.pi / 360)
        trunc = self.t >= 500
        return self.s.astype(np.float32), term, trunc

def init_params(S, c, g):
    H = c['hidden']
    shapes = [(4, H), (H, H)] + ([(H, 1), (H, 2)] if c['dueling'] else [(H, 2)])
    ps = []
    for fi, fo in shapes:
        lim = math.sqrt(6 / fi) if c['init'] == 'keras' else 1 / math.sqrt(fi)
        W = (th.rand(S, fi, fo, generator=g) * 2 - 1) * lim
        b = th.zeros(S, 1, fo) if c['init'] == 'keras' else (th.rand(S, 1, fo, generator=g) * 2 - 1) * lim
        ps += [W.requires_grad_(), b.requires_grad_()]
    return ps

def forward(ps, x, dueling):
    h = th.relu(th.baddbmm(ps[1], x, ps[0])); h = th.relu(th.baddbmm(ps[3], h, ps[2]))
    if not dueling: return th.baddbmm(ps[5], h, ps[4])
    v = th.baddbmm(ps[5], h, ps[4]); a = th.baddbmm(ps[7], h, ps[6])
    return v + a - a.mean(2, keepdim=True)

def evaluate(ps, dueling, seeds_rng, episodes):
    S = ps[0].shape[0]
    env = VecCartPole(S * episodes, seeds_rng); env.reset_idx(np.ones(S * episodes, bool))
    ret = np.zeros(S * episodes); alive = np.ones(S * episodes, bool)
    while alive.any():
        with th.no_grad(): q = forward(ps, th.as_tensor(env.s.astype(np.float32)).view(S, episodes, 4), dueling)
        a = q.argmax(2).view(-1).numpy()
        _, te, tr = env.step(a); ret += alive; alive &= ~(te | tr)
    return ret.reshape(S, episodes).mean(1)

def run(seeds, c):
    S = len(seeds); g = th.Generator().manual_seed(seeds[0] * 7919 + 1); rng = np.random.default_rng(seeds[0] * 31 + 5)
    ps = init_params(S, c, g); pt = [p.detach().clone() for p in ps]
    opt = th.optim.Adam(ps, lr=c['lr'])
    N = c['buffer']; O = np.zeros((S, N, 4), np.float32); O2 = np.zeros_like(O)
    A = np.zeros((S, N), np.int64); Dn = np.zeros((S, N), np.float32); n = 0; pos = 0
    env = VecCartPole(S, rng); env.reset_idx(np.ones(S, bool)); o = env.s.astype(np.float32)
    curve = []; updates = 0; steps = c['steps']; ar = np.arange(S)[:, None]
    for t in range(1, steps + 1):
        eps = max(c['eps_end'], 1 - (1 - c['eps_end']) * (t - 1) / c['eps_dur'])
        rand = rng.integers(0, 2, S)
        if t <= c['starts']: a = rand
        else:
            with th.no_grad(): greedy = forward(ps, th.as_tensor(o)[:, None, :], c['dueling'])[:, 0].argmax(1).numpy()
            a = np.where(rng.random(S) < eps, rand, greedy)
        o2, te, tr = env.step(a)
        O[:, pos], O2[:, pos], A[:, pos], Dn[:, pos] = o, o2, a, te; pos = (pos + 1) % N; n = min(n + 1, N)
        env.reset_idx(te | tr); o = env.s.astype(np.float32)
        if t % c['tui'] == 0:
            with th.no_grad():
                for p, q in zip(pt, ps): p.copy_(q)
        if t % c['tf'] == 0 and t > c['starts']:
            for _ in range(c['gs']):
                lr = c['lr'] + (c['lin_lr_end'] - c['lr']) * t / steps if c['lin_lr_end'] is not None else c['lr'] / (1 + c['decay'] * updates)
                for gr in opt.param_groups: gr['lr'] = lr
                idx = rng.integers(0, n, (S, c['batch']))
                ob, ob2 = th.as_tensor(O[ar, idx]), th.as_tensor(O2[ar, idx])
                at = th.as_tensor(A[ar, idx]); dt = th.as_tensor(Dn[ar, idx])
                with th.no_grad():
                    nq = forward(pt, ob2, c['dueling'])
                    nv = nq.gather(2, forward(ps, ob2, c['dueling']).argmax(2, keepdim=True)).squeeze(2) if c['double'] else nq.max(2).values
                    y = 1 + (1 - dt) * c['gamma'] * nv  # CartPole pays 1 per step
                cq = forward(ps, ob, c['dueling']).gather(2, at[:, :, None]).squeeze(2)
                loss = th.nn.functional.smooth_l1_loss(cq, y, reduction='none').mean(1).sum()
                opt.zero_grad(); loss.backward()
                with th.no_grad():
                    norm = th.sqrt(sum((p.grad.reshape(S, -1) ** 2).sum(1) for p in ps))
                    f = th.clamp(c['clip'] / (norm + 1e-6), max=1.0)
                    for p in ps: p.grad.mul_(f.view(S, *([1] * (p.dim() - 1))))
                opt.step(); updates += 1
        if t % 5000 == 0: curve.append(np.round(evaluate(ps, c['dueling'], rng, 5)).astype(int).tolist())
    return evaluate(ps, c['dueling'], rng, 10), curve

if __name__ == '__main__':
    th.set_num_threads(1)
    c = dict(D); c.update(json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})
    seeds = [int(s) for s in sys.argv[1].split(',')]
    t0 = time.time(); finals, curve = run(seeds, c)
    k = sum(f >= 475 for f in finals)
    print(json.dumps(dict(cfg=sys.argv[2] if len(sys.argv) > 2 else '{}', n=len(seeds), mean=round(float(np.mean(finals)), 1), std=round(float(np.std(finals, ddof=1)), 1),
                          at500=int(k), finals=[round(float(f), 1) for f in finals], secs=round(time.time() - t0))), flush=True)
    for i, s in enumerate(seeds): print('  seed', s, [cv[i] for cv in curve])
