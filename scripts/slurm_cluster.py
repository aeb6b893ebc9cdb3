"""A Dask cluster on SLURM for `tacitus batch --scheduler` (dask-jobqueue; benchmarks/README.md).

    python scripts/slurm_cluster.py --jobs 4 --cores 16 --memory 48GB --queue normal --walltime 04:00:00 \
        --address-file scheduler.txt &
    tacitus batch articles/ --out out/ --scheduler "$(cat scheduler.txt)"

Each SLURM job runs `--cores` single-threaded worker processes (spaCy holds the GIL, and each
worker loads its own model, about 1 GB, so give at least 2.5 GB per core). The scheduler runs
where this script runs (a login node or a small job); `--print-job-script` shows the sbatch
script without submitting anything. Needs `pip install -e ".[cluster]"` on every node.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Start the cluster (or print its job script) and keep it up until interrupted."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jobs", type=int, default=2, help="SLURM jobs to submit (each runs --cores workers)")
    p.add_argument("--cores", type=int, default=16, help="cores per job = worker processes per job")
    p.add_argument("--memory", default="48GB", help="memory per job (>= 2.5 GB per core)")
    p.add_argument("--queue", help="SLURM partition")
    p.add_argument("--account", help="SLURM account")
    p.add_argument("--walltime", default="04:00:00")
    p.add_argument("--address-file", help="write the scheduler address here for `tacitus batch --scheduler`")
    p.add_argument("--print-job-script", action="store_true", help="print the sbatch script and exit")
    a = p.parse_args(argv)

    from dask_jobqueue import SLURMCluster

    # Printing the script needs no reachable scheduler: keep it on the loopback interface then.
    sched = {"dashboard_address": ":8787"} if not a.print_job_script else {"host": "127.0.0.1",
                                                                             "dashboard_address": ":0"}
    cluster = SLURMCluster(cores=a.cores, processes=a.cores, memory=a.memory, queue=a.queue, account=a.account,
                           walltime=a.walltime, job_name="tacitus-batch", scheduler_options=sched)
    try:
        if a.print_job_script:
            print(cluster.job_script())
            return 0
        cluster.scale(jobs=a.jobs)
        if a.address_file:
            Path(a.address_file).write_text(cluster.scheduler_address + "\n", encoding="utf-8")
        print(f"scheduler {cluster.scheduler_address}, dashboard {cluster.dashboard_link}; Ctrl-C stops the jobs",
              file=sys.stderr)
        while True:
            time.sleep(60)
    except KeyboardInterrupt:
        return 0
    finally:
        cluster.close()


if __name__ == "__main__":
    sys.exit(main())
