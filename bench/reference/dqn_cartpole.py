"""Independent PyTorch cross-check of semsim's DQN on CartPole-v1 (docs/agents.md).

The SB3 DQN loop with RL Zoo's CartPole-v1 settings, written out in ~100 lines so the
outcome distribution of `npm run verify:agents -- --only dqn` can be compared with a second
implementation on another framework: lr 2.3e-3, batch 64, buffer 1e5, learning_starts 1000,
gamma 0.99, hard target copy every 10 env steps, train_freq 256 x 128 gradient steps,
epsilon 1 -> 0.04 over 8000 steps, [256, 256] ReLU, Huber loss, gradient norm 10, timeouts
bootstrapped. Same evaluation protocol as verify:agents (greedy, 5 episodes every 5000 steps,
10 final episodes). Optional: needs python3 with torch and numpy (not part of the stack).

    python3 bench/reference/dqn_cartpole.py 0,1,2,3,4 [double]
"""
import math, sys, time
import numpy as np
import torch as th
import torch.nn as nn
import torch.nn.functional as F

class CartPole:
    def __init__(self, rng): self.rng = rng
    def reset(self):
        self.s = self.rng.uniform(-0.05, 0.05, 4); self.t = 0
        return self.s.astype(np.float32)
    def step(self, a):
        x, xd, th_, thd = self.s
        force = 10.0 if a == 1 else -10.0
        c, s = math.cos(th_), math.sin(th_)
        temp = (force + 0.05 * thd * thd * s) / 1.1
        tha = (9.8 * s - c * temp) / (0.5 * (4.0 / 3.0 - 0.1 * c * c / 1.1))
        xa = temp - 0.05 * tha * c / 1.1
        self.s = np.array([x + 0.02 * xd, xd + 0.02 * xa, th_ + 0.02 * thd, thd + 0.02 * tha])
        self.t += 1
        term = abs(self.s[0]) > 2.4 or abs(self.s[2]) > 12 * 2 * math.pi / 360
        trunc = self.t >= 500
        return self.s.astype(np.float32), 1.0, term, trunc

def qnet():
    return nn.Sequential(nn.Linear(4, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 2))

def evaluate(q, seed, episodes):
    env = CartPole(np.random.default_rng(seed)); rets = []
    for _ in range(episodes):
        o = env.reset(); R = 0
        while True:
            with th.no_grad(): a = int(q(th.as_tensor(o)[None]).argmax(1))
            o, r, te, tr = env.step(a); R += r
            if te or tr: break
        rets.append(R)
    return float(np.mean(rets))

def run(seed, steps=50000, double=False):
    th.manual_seed(seed); rng = np.random.default_rng(seed)
    env = CartPole(np.random.default_rng(seed + 100))
    q, qt = qnet(), qnet(); qt.load_state_dict(q.state_dict())
    opt = th.optim.Adam(q.parameters(), lr=2.3e-3)
    N = 100000
    O = np.zeros((N, 4), np.float32); O2 = np.zeros((N, 4), np.float32)
    A = np.zeros(N, np.int64); R = np.zeros(N, np.float32); D = np.zeros(N, np.float32); n = 0
    o = env.reset(); curve = []
    for t in range(1, steps + 1):
        eps = max(0.04, 1 - (1 - 0.04) * (t - 1) / 8000)
        if t <= 1000 or rng.random() < eps: a = int(rng.integers(2))
        else:
            with th.no_grad(): a = int(q(th.as_tensor(o)[None]).argmax(1))
        o2, r, te, tr = env.step(a)
        O[n], O2[n], A[n], R[n], D[n] = o, o2, a, r, float(te); n += 1
        o = env.reset() if (te or tr) else o2
        if t % 10 == 0: qt.load_state_dict(q.state_dict())
        if t % 256 == 0 and t > 1000:
            for _ in range(128):
                idx = rng.integers(0, n, 64)
                ob, ob2 = th.as_tensor(O[idx]), th.as_tensor(O2[idx])
                with th.no_grad():
                    nq = qt(ob2)
                    nv = nq.gather(1, q(ob2).argmax(1, keepdim=True)).squeeze(1) if double else nq.max(1).values
                    y = th.as_tensor(R[idx]) + (1 - th.as_tensor(D[idx])) * 0.99 * nv
                cq = q(ob).gather(1, th.as_tensor(A[idx])[:, None]).squeeze(1)
                loss = F.smooth_l1_loss(cq, y)
                opt.zero_grad(); loss.backward(); nn.utils.clip_grad_norm_(q.parameters(), 10); opt.step()
        if t % 5000 == 0: curve.append(round(evaluate(q, 1_000_000 + seed, 5)))
    return evaluate(q, 2_000_000 + seed, 10), curve

if __name__ == '__main__':
    th.set_num_threads(1)  # one core per run, like the TF.js wasm agent
    double = 'double' in sys.argv
    seeds = [int(s) for s in sys.argv[1].split(',')]
    finals = []
    for s in seeds:
        t0 = time.time(); f, c = run(s, double=double); finals.append(f)
        print(f'seed {s}: final {f:.1f} curve {c} ({time.time()-t0:.0f}s)', flush=True)
    print(f'mean {np.mean(finals):.1f} std {np.std(finals, ddof=1) if len(finals)>1 else 0:.1f}')
