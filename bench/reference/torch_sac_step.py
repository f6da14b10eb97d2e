"""PyTorch reference for `npm run bench:agents`: one SAC gradient step (issue 13).

Times the same work as semsim's SAC update in bench/agents.bench.ts: a tanh-squashed
Gaussian actor obs-512-512-512-2A and twin soft-Q critics (obs+A)-512-512-512-1 (ReLU),
target critics, learned temperature, Adam (lr 1e-4, eps 1e-8) for actor, critics and
log(alpha), batch 64, gamma 0.99, tau 5e-3, target entropy -1 (001 Table II). The step
follows SB3's SAC.train order: temperature loss, critic loss, actor loss, Polyak update;
the three losses are read back every step, as semsim's agent does.

With --hybrid it times hybrid SAC instead (semsim's src/agents/rl/hybrid-sac): a Gaussian
actor obs-512^3-2A, a categorical actor obs-512^3-K and twin critics (obs+A)-512^3-K with
K joint discrete choices; one step = critics, continuous actor, discrete actor, both
temperatures, Polyak update.

    python3 bench/reference/torch_sac_step.py [--threads 1] [--rounds 100] [--obs 27] [--act 6]
    python3 bench/reference/torch_sac_step.py --hybrid --choices 162

Prints the median wall and CPU time per step in ms as one JSON line.
"""
import argparse
import json
import math
import statistics
import time

import torch as th
import torch.nn as nn
import torch.nn.functional as F


def mlp(inp: int, hidden: int, layers: int, out: int) -> nn.Sequential:
    mods, w = [], inp
    for _ in range(layers):
        mods += [nn.Linear(w, hidden), nn.ReLU()]
        w = hidden
    mods.append(nn.Linear(w, out))
    return nn.Sequential(*mods)


def squashed(head: th.Tensor, eps: th.Tensor, act: int):
    """Reparameterised tanh-Gaussian sample and its log-density, as semsim's sac/policy.ts."""
    mu, log_std = head[:, :act], head[:, act:].clamp(-20, 2)
    u = mu + log_std.exp() * eps
    gauss = -(0.5 * eps.pow(2) + log_std + 0.5 * math.log(2 * math.pi)).sum(1, keepdim=True)
    log_det = (2 * (math.log(2) - u - F.softplus(-2 * u))).sum(1, keepdim=True)
    return th.tanh(u), gauss - log_det


def polyak(target: nn.Module, online: nn.Module, tau: float) -> None:
    with th.no_grad():
        for t, o in zip(target.parameters(), online.parameters()):
            t.mul_(1 - tau).add_(o, alpha=tau)


def sac_step_fn(a):
    O, A, H, n, gamma, tau, lr = a.obs, a.act, a.hidden, a.batch, 0.99, 5e-3, 1e-4
    actor = mlp(O, H, a.layers, 2 * A)
    q1, q2 = mlp(O + A, H, a.layers, 1), mlp(O + A, H, a.layers, 1)
    t1, t2 = mlp(O + A, H, a.layers, 1), mlp(O + A, H, a.layers, 1)
    t1.load_state_dict(q1.state_dict())
    t2.load_state_dict(q2.state_dict())
    log_alpha = th.zeros(1, requires_grad=True)
    opt_actor = th.optim.Adam(actor.parameters(), lr=lr, eps=1e-8)
    opt_critic = th.optim.Adam(list(q1.parameters()) + list(q2.parameters()), lr=lr, eps=1e-8)
    opt_alpha = th.optim.Adam([log_alpha], lr=lr, eps=1e-8)
    target_entropy = -1.0
    obs, nobs = th.randn(n, O), th.randn(n, O)
    acts, rew, notdone = th.rand(n, A) * 2 - 1, th.randn(n, 1), th.ones(n, 1)

    def step():
        eps, neps = th.randn(n, A), th.randn(n, A)
        # temperature, log pi fixed
        with th.no_grad():
            _, lp = squashed(actor(obs), eps, A)
        alpha_loss = -(log_alpha * (lp + target_entropy)).mean()
        opt_alpha.zero_grad()
        alpha_loss.backward()
        opt_alpha.step()
        alpha = log_alpha.detach().exp()
        # critics
        with th.no_grad():
            na, nlp = squashed(actor(nobs), neps, A)
            x = th.cat([nobs, na], 1)
            y = rew + gamma * notdone * (th.min(t1(x), t2(x)) - alpha * nlp)
        x = th.cat([obs, acts], 1)
        critic_loss = 0.5 * (F.mse_loss(q1(x), y) + F.mse_loss(q2(x), y))
        opt_critic.zero_grad()
        critic_loss.backward()
        opt_critic.step()
        # actor through the critics (critic weights get no step here)
        pa, plp = squashed(actor(obs), eps, A)
        x = th.cat([obs, pa], 1)
        actor_loss = (alpha * plp - th.min(q1(x), q2(x))).mean()
        opt_actor.zero_grad()
        actor_loss.backward()
        opt_actor.step()
        polyak(t1, q1, tau)
        polyak(t2, q2, tau)
        return alpha_loss.item(), critic_loss.item(), actor_loss.item()

    return step


def hybrid_step_fn(a):
    O, A, K, H, n, gamma, tau, lr = a.obs, a.act, a.choices, a.hidden, a.batch, 0.99, 5e-3, 1e-4
    actor_c, actor_d = mlp(O, H, a.layers, 2 * A), mlp(O, H, a.layers, K)
    q1, q2 = mlp(O + A, H, a.layers, K), mlp(O + A, H, a.layers, K)
    t1, t2 = mlp(O + A, H, a.layers, K), mlp(O + A, H, a.layers, K)
    t1.load_state_dict(q1.state_dict())
    t2.load_state_dict(q2.state_dict())
    log_ac, log_ad = th.zeros(1, requires_grad=True), th.zeros(1, requires_grad=True)
    adam = lambda ps: th.optim.Adam(ps, lr=lr, eps=1e-8)
    opt_c, opt_d = adam(actor_c.parameters()), adam(actor_d.parameters())
    opt_q = adam(list(q1.parameters()) + list(q2.parameters()))
    opt_ac, opt_ad = adam([log_ac]), adam([log_ad])
    obs, nobs = th.randn(n, O), th.randn(n, O)
    acts, rew, notdone = th.rand(n, A) * 2 - 1, th.randn(n), th.ones(n)
    onehot = F.one_hot(th.randint(0, K, (n,)), K).float()

    def step():
        alpha_c, alpha_d = log_ac.detach().exp(), log_ad.detach().exp()
        with th.no_grad():
            na, nlp = squashed(actor_c(nobs), th.randn(n, A), A)
            nlogp = F.log_softmax(actor_d(nobs), 1)
            x = th.cat([nobs, na], 1)
            qmin = th.min(t1(x), t2(x))
            v = (nlogp.exp() * (qmin - alpha_d * nlogp)).sum(1) - alpha_c * nlp.squeeze(1)
            y = rew + gamma * notdone * v
        x = th.cat([obs, acts], 1)
        critic_loss = 0.5 * (((q1(x) * onehot).sum(1) - y).pow(2).mean() + ((q2(x) * onehot).sum(1) - y).pow(2).mean())
        opt_q.zero_grad()
        critic_loss.backward()
        opt_q.step()
        with th.no_grad():
            probs_fixed = F.softmax(actor_d(obs), 1)
        sa, slp = squashed(actor_c(obs), th.randn(n, A), A)
        x = th.cat([obs, sa], 1)
        loss_c = (alpha_c * slp.squeeze(1) - (probs_fixed * th.min(q1(x), q2(x))).sum(1)).mean()
        opt_c.zero_grad()
        loss_c.backward()
        opt_c.step()
        with th.no_grad():
            x = th.cat([obs, sa.detach()], 1)
            q_at = th.min(q1(x), q2(x))
        logp = F.log_softmax(actor_d(obs), 1)
        loss_d = (logp.exp() * (alpha_d * logp - q_at)).sum(1).mean()
        opt_d.zero_grad()
        loss_d.backward()
        opt_d.step()
        loss_ac = -(log_ac * (slp.detach() + a.target_entropy)).mean()
        opt_ac.zero_grad()
        loss_ac.backward()
        opt_ac.step()
        with th.no_grad():
            logp = F.log_softmax(actor_d(obs), 1)
        loss_ad = (logp.exp() * (-log_ad.exp() * (logp + a.target_entropy))).sum(1).mean()
        opt_ad.zero_grad()
        loss_ad.backward()
        opt_ad.step()
        polyak(t1, q1, tau)
        polyak(t2, q2, tau)
        return critic_loss.item(), loss_c.item(), loss_d.item(), loss_ac.item(), loss_ad.item()

    return step


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=100)
    p.add_argument("--warmup", type=int, default=10)
    p.add_argument("--obs", type=int, default=27)
    p.add_argument("--act", type=int, default=6)
    p.add_argument("--choices", type=int, default=162)
    p.add_argument("--hidden", type=int, default=512)
    p.add_argument("--layers", type=int, default=3)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--target-entropy", type=float, default=-1.0)
    p.add_argument("--hybrid", action="store_true")
    a = p.parse_args()
    th.set_num_threads(a.threads)
    th.manual_seed(0)
    step = hybrid_step_fn(a) if a.hybrid else sac_step_fn(a)
    wall, cpu = [], []
    for i in range(a.warmup + a.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        step()
        if i >= a.warmup:
            wall.append((time.perf_counter() - w0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
    print(json.dumps({"torch": th.__version__, "threads": a.threads,
                      "stepWallMs": round(statistics.median(wall), 3),
                      "stepCpuMs": round(statistics.median(cpu), 3)}))


if __name__ == "__main__":
    main()
