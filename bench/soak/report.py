#!/usr/bin/env python3
"""Reads one or more `straja demo --memory-log` CSV files, prints the soak figures (resident
memory at 1, 6, 12 and 24 h of simulated time, where the run reached them, the growth over the
second half and its least-squares slope per hour) and draws resident memory against simulated
time as an SVG.

Usage: report.py --svg memory.svg [--check-growth-kib N] LABEL=memory.csv [LABEL=memory.csv ...]
With --check-growth-kib, exits 1 when any run's resident memory grew by more than N KiB from
the middle of the run to its end (the slow soak test's bound).
"""
import argparse
import csv
import sys


def load(path):
    rows = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            rows.append((float(row["simulated_s"]), int(row["rss_kib"]), int(row["tracks"])))
    if len(rows) < 4:
        raise SystemExit(f"{path}: too few rows ({len(rows)})")
    return rows


def at(rows, seconds):
    """The last sample at or before `seconds`, or None when the run ended earlier."""
    if rows[-1][0] < seconds - 60:
        return None
    return [r for r in rows if r[0] <= seconds][-1]


def figures(rows):
    end = rows[-1][0]
    half = [r for r in rows if r[0] >= end / 2]
    n = len(half)
    mx = sum(r[0] for r in half) / n / 3600
    my = sum(r[1] for r in half) / n
    sxx = sum((r[0] / 3600 - mx) ** 2 for r in half)
    sxy = sum((r[0] / 3600 - mx) * (r[1] - my) for r in half)
    return {
        "end_h": end / 3600,
        "growth_kib": half[-1][1] - half[0][1],
        "slope_kib_per_h": sxy / sxx if sxx > 0 else 0.0,
        "peak_kib": max(r[1] for r in rows),
        "max_tracks": max(r[2] for r in rows),
    }


def svg(runs, path):
    w, h, left, right, top, bottom = 760, 380, 70, 20, 30, 50
    t_max = max(rows[-1][0] for _, rows in runs) / 3600
    m_max = max(max(r[1] for r in rows) for _, rows in runs) / 1024 * 1.15
    x = lambda hours: left + (w - left - right) * hours / t_max
    y = lambda mib: h - bottom - (h - top - bottom) * mib / m_max
    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
           'font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<text x="{left}" y="18" font-size="14">straja demo soak: resident memory (VmRSS) '
           'against simulated time</text>']
    step_h = 1 if t_max <= 6 else 2 if t_max <= 12 else 4
    hour = 0
    while hour <= t_max + 1e-9:
        out.append(f'<line x1="{x(hour):.1f}" y1="{top}" x2="{x(hour):.1f}" y2="{h - bottom}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{x(hour):.1f}" y="{h - bottom + 16}" text-anchor="middle">'
                   f'{hour:g}</text>')
        hour += step_h
    mib_step = 10 if m_max <= 150 else 50
    mib = 0
    while mib <= m_max:
        out.append(f'<line x1="{left}" y1="{y(mib):.1f}" x2="{w - right}" y2="{y(mib):.1f}" '
                   'stroke="#ddd"/>')
        out.append(f'<text x="{left - 6}" y="{y(mib) + 4:.1f}" text-anchor="end">{mib}</text>')
        mib += mib_step
    out.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">'
               'simulated time (h)</text>')
    out.append(f'<text x="16" y="{(top + h - bottom) / 2}" text-anchor="middle" '
               f'transform="rotate(-90 16 {(top + h - bottom) / 2})">resident memory (MiB)</text>')
    for i, (label, rows) in enumerate(runs):
        colour = colours[i % len(colours)]
        points = " ".join(f"{x(r[0] / 3600):.1f},{y(r[1] / 1024):.1f}" for r in rows)
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
        out.append(f'<text x="{w - right - 6}" y="{top + 16 + 16 * i}" text-anchor="end" '
                   f'fill="{colour}">{label}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg")
    parser.add_argument("--check-growth-kib", type=int)
    parser.add_argument("runs", nargs="+", metavar="LABEL=CSV")
    args = parser.parse_args()
    runs = []
    for spec in args.runs:
        label, _, path = spec.rpartition("=")
        runs.append((label or path, load(path)))
    failed = False
    for label, rows in runs:
        f = figures(rows)
        marks = []
        for hours in (1, 6, 12, 24):
            row = at(rows, hours * 3600)
            if row:
                marks.append(f"{hours} h {row[1] / 1024:.1f} MiB")
        print(f"{label}: {f['end_h']:.1f} h simulated, up to {f['max_tracks']} live tracks; "
              + ", ".join(marks)
              + f"; peak {f['peak_kib'] / 1024:.1f} MiB; second half: grew {f['growth_kib']} KiB, "
              f"slope {f['slope_kib_per_h']:.1f} KiB/h")
        if args.check_growth_kib is not None and f["growth_kib"] > args.check_growth_kib:
            print(f"{label}: FAILED: grew {f['growth_kib']} KiB over the second half "
                  f"(bound {args.check_growth_kib} KiB)", file=sys.stderr)
            failed = True
    if args.svg:
        svg(runs, args.svg)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
