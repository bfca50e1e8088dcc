"""`python -m pipelines worker` and `python -m pipelines jobs list`."""
from __future__ import annotations


def cmd_worker(args) -> int:
    from .worker import run_worker

    return run_worker(device=args.device)


def cmd_jobs(args) -> int:
    from .queue import JobQueue

    for job in JobQueue().list(limit=args.limit):
        print(f"{job.id[:8]}  {job.state:9} {job.progress:4.0%}  {job.kind:20} owner={job.owner} {job.created_at}")
    return 0


def register(sub) -> None:
    p = sub.add_parser("worker", help="run a job worker (the app starts one; add more with a Redis queue)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:1, mps (default: auto)")
    p.set_defaults(func=cmd_worker)
    p = sub.add_parser("jobs", help="list the jobs of the queue")
    p.add_argument("--limit", type=int, default=30)
    p.set_defaults(func=cmd_jobs)
