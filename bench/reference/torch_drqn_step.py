"""PyTorch reference for `npm run bench:agents`: DRQN update steps of the 004 preset (issue 12).

The same work as semsim's DRQN section: Q-net dense 7 -> 64 (ReLU) -> LSTM 32 -> 133 actions,
32 sequences x 8 steps from a zero state, target net unrolled over the 9-step extended
sequences, y = r + gamma (1 - done) max_a Q_target, masked MSE TD loss, gradient norm clipped
at 10, Adam lr 5e-4; the loss is read back every step. Optional: needs python3 with torch.

    python3 bench/reference/torch_drqn_step.py [--agents 7] [--mode one|sequential|stacked]

Modes:
  one         one agent's update (nn.LSTM, torch's own fused CPU LSTM);
  sequential  `--agents` independent agents, one update after another;
  stacked     the `--agents` networks as stacked weights [agents, in, out]: every product a
              torch.bmm over the agents, one autograd graph and one Adam step for all (what
              torch.func.vmap would produce); the LSTM cell is written out per step.

Prints the median wall and CPU time per step (all agents) in ms as one JSON line.
"""
import argparse
import json
import statistics
import time

import torch as th
import torch.nn as nn

OBS, DENSE, HIDDEN, ACTIONS = 7, 64, 32, 133
BATCH, STEPS, GAMMA, CLIP = 32, 8, 0.5, 10.0


class QNet(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.pre = nn.Linear(OBS, DENSE)
        self.lstm = nn.LSTM(DENSE, HIDDEN, batch_first=True)
        self.head = nn.Linear(HIDDEN, ACTIONS)

    def forward(self, x: th.Tensor) -> th.Tensor:
        out, _ = self.lstm(th.relu(self.pre(x)))
        return self.head(out)


def batch(agents: int = 0):
    """Random replay batch; with `agents`, a leading agent axis."""
    lead = (agents,) if agents else ()
    ext = th.randn(*lead, BATCH, STEPS + 1, OBS)
    actions = th.randint(0, ACTIONS, (*lead, BATCH, STEPS, 1))
    rewards = th.randn(*lead, BATCH, STEPS)
    done = (th.rand(*lead, BATCH, STEPS) < 0.02).float()
    mask = (th.rand(*lead, BATCH, STEPS) < 0.95).float()
    return ext, actions, rewards, done, mask


def td_loss(q, q_next, actions, rewards, done, mask):
    """Masked mean squared TD error over the last two axes (batch, step): one per leading index."""
    y = rewards + GAMMA * (1 - done) * q_next.max(-1).values
    chosen = q.gather(-1, actions).squeeze(-1)
    return (((y - chosen) ** 2) * mask).sum((-2, -1)) / mask.sum((-2, -1)).clamp(min=1)


def one_agent_step():
    online, target = QNet(), QNet()
    target.load_state_dict(online.state_dict())
    opt = th.optim.Adam(online.parameters(), lr=5e-4)
    ext, actions, rewards, done, mask = batch()

    def step():
        with th.no_grad():
            q_next = target(ext)[:, 1:]
        loss = td_loss(online(ext[:, :STEPS]), q_next, actions, rewards, done, mask)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(online.parameters(), CLIP)
        opt.step()
        return loss.item()

    return step


class StackedQNets(nn.Module):
    """`agents` independent Q-nets as stacked weights; products are torch.bmm over the agent axis."""

    def __init__(self, agents: int) -> None:
        super().__init__()
        nets = [QNet() for _ in range(agents)]
        self.w1 = nn.Parameter(th.stack([n.pre.weight.T for n in nets]).detach().clone())
        self.b1 = nn.Parameter(th.stack([n.pre.bias for n in nets]).unsqueeze(1).detach().clone())
        self.wx = nn.Parameter(th.stack([n.lstm.weight_ih_l0.T for n in nets]).detach().clone())
        self.wh = nn.Parameter(th.stack([n.lstm.weight_hh_l0.T for n in nets]).detach().clone())
        self.b = nn.Parameter(th.stack([n.lstm.bias_ih_l0 + n.lstm.bias_hh_l0 for n in nets]).unsqueeze(1).detach().clone())
        self.w2 = nn.Parameter(th.stack([n.head.weight.T for n in nets]).detach().clone())
        self.b2 = nn.Parameter(th.stack([n.head.bias for n in nets]).unsqueeze(1).detach().clone())

    def forward(self, x: th.Tensor) -> th.Tensor:
        a, b, t, _ = x.shape
        f = th.relu(th.bmm(x.reshape(a, b * t, OBS), self.w1) + self.b1)
        zx = (th.bmm(f, self.wx) + self.b).reshape(a, b, t, 4 * HIDDEN)
        h = x.new_zeros(a, b, HIDDEN)
        c = x.new_zeros(a, b, HIDDEN)
        hs = []
        for s in range(t):
            z = zx[:, :, s] + th.bmm(h, self.wh)
            i, fg, g, o = z.chunk(4, -1)
            c = th.sigmoid(fg) * c + th.sigmoid(i) * th.tanh(g)
            h = th.sigmoid(o) * th.tanh(c)
            hs.append(h)
        out = th.stack(hs, 2).reshape(a, b * t, HIDDEN)
        return (th.bmm(out, self.w2) + self.b2).reshape(a, b, t, ACTIONS)


def stacked_step(agents: int):
    online, target = StackedQNets(agents), StackedQNets(agents)
    target.load_state_dict(online.state_dict())
    opt = th.optim.Adam(online.parameters(), lr=5e-4)
    ext, actions, rewards, done, mask = batch(agents)
    params = list(online.parameters())

    def step():
        with th.no_grad():
            q_next = target(ext)[:, :, 1:]
        # The sum of the agents' losses: each agent's gradient is that of its own loss.
        losses = td_loss(online(ext[:, :, :STEPS]), q_next, actions, rewards, done, mask)
        opt.zero_grad()
        losses.sum().backward()
        # Per-agent clipping: each agent's global norm over its own slices of the stacked weights.
        with th.no_grad():
            norms = th.sqrt(sum((p.grad.reshape(agents, -1) ** 2).sum(1) for p in params))
            scale = (CLIP / (norms + 1e-6)).clamp(max=1.0)
            for p in params:
                p.grad.mul_(scale.reshape(agents, *([1] * (p.dim() - 1))))
        opt.step()
        return losses.detach().tolist()

    return step


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=60)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--agents", type=int, default=7)
    p.add_argument("--mode", choices=["one", "sequential", "stacked"], default="one")
    a = p.parse_args()
    th.set_num_threads(a.threads)
    th.manual_seed(0)
    if a.mode == "one":
        steps = [one_agent_step()]
    elif a.mode == "sequential":
        steps = [one_agent_step() for _ in range(a.agents)]
    else:
        steps = [stacked_step(a.agents)]
    wall, cpu = [], []
    for i in range(a.warmup + a.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        for s in steps:
            s()
        if i >= a.warmup:
            wall.append((time.perf_counter() - w0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
    print(json.dumps({"torch": th.__version__, "threads": a.threads, "mode": a.mode,
                      "agents": 1 if a.mode == "one" else a.agents,
                      "stepWallMs": round(statistics.median(wall), 3),
                      "stepCpuMs": round(statistics.median(cpu), 3)}))


if __name__ == "__main__":
    main()
