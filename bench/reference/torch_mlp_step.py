"""PyTorch reference for `npm run bench:agents`: one Adam update step of the issue-5 MLP.

Times the same work as semsim's update-step benchmark -- a 64-512-512-512-16 ReLU MLP,
MSE loss, Adam, batch 64, loss read back every step -- so the two can be compared on the
same machine at the same load. Optional: needs python3 with torch (Debian: python3-torch).

    python3 bench/reference/torch_mlp_step.py [--threads 1] [--rounds 200]

Prints the median wall and CPU time per step in ms as one JSON line.
"""
import argparse
import json
import statistics
import time

import torch as th
import torch.nn as nn


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--warmup", type=int, default=20)
    a = p.parse_args()
    th.set_num_threads(a.threads)
    th.manual_seed(0)
    net = nn.Sequential(nn.Linear(64, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(),
                        nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 16))
    opt = th.optim.Adam(net.parameters(), lr=1e-3)
    x, y = th.randn(64, 64), th.randn(64, 16)
    wall, cpu = [], []
    for i in range(a.warmup + a.rounds):
        w0, c0 = time.perf_counter(), time.process_time()
        loss = ((net(x) - y) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        loss.item()
        if i >= a.warmup:
            wall.append((time.perf_counter() - w0) * 1e3)
            cpu.append((time.process_time() - c0) * 1e3)
    print(json.dumps({"torch": th.__version__, "threads": a.threads,
                      "stepWallMs": round(statistics.median(wall), 3),
                      "stepCpuMs": round(statistics.median(cpu), 3)}))


if __name__ == "__main__":
    main()
