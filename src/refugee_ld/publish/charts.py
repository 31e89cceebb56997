"""Static SVG charts (population over time, the timeline strip); every text from the data is escaped.
"""
from __future__ import annotations


def population_chart(points: list[tuple], place: str) -> str:
    """A small static SVG line chart of counts over time, one line per population group (escaped text)."""
    from markupsafe import escape

    if not points:
        return ""
    width, height, pad = 520, 220, 48
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1 = min(xs) - 0.5, max(xs) + 0.5
    y1 = max(ys) * 1.1 or 1

    def px(x: float) -> float:
        return round(pad + (x - x0) / (x1 - x0) * (width - 2 * pad), 1)

    def py(y: float) -> float:
        return round(height - pad - y / y1 * (height - 2 * pad), 1)

    colours = ["#1f5fa8", "#b5462b", "#2e7d32", "#7b3f9e", "#8a6d00"]
    groups = sorted({p[2] for p in points})
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="chart-title">')
    parts = [svg,
             f'<title id="chart-title">Population figures for {escape(place)} over time</title>',
             f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#555"/>',
             f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#555"/>',
             f'<text x="{pad}" y="{height - pad + 16}" font-size="11">{int(min(xs))}</text>',
             f'<text x="{width - pad}" y="{height - pad + 16}" font-size="11" text-anchor="end">{int(max(xs))}</text>',
             f'<text x="{pad - 4}" y="{pad + 4}" font-size="11" text-anchor="end">{int(y1):,}</text>',
             f'<text x="{pad - 4}" y="{height - pad}" font-size="11" text-anchor="end">0</text>']
    for i, group in enumerate(groups):
        colour = colours[i % len(colours)]
        mine = sorted(p for p in points if p[2] == group)
        if len(mine) > 1:
            coords = " ".join(f"{px(p[0])},{py(p[1])}" for p in mine)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{coords}"/>')
        for p in mine:
            label = f"{p[2]}: {p[1]:,} ({p[3]}{'' if p[4] else ', date of the source'})"
            parts.append(f'<circle cx="{px(p[0])}" cy="{py(p[1])}" r="4" fill="{colour}"><title>{escape(label)}'
                         f"</title></circle>")
        parts.append(f'<text x="{width - pad + 4}" y="{pad + 14 * i}" font-size="11" fill="{colour}">'
                     f"{escape(group)}</text>")
    parts.append("</svg>")
    return "".join(parts)


def timeline_chart(items: list[dict]) -> str:
    """A static SVG strip: one tick per year, one dot per dated item, coloured by kind."""
    from markupsafe import escape

    dated = [i for i in items if i["year"]]
    if not dated:
        return ""
    years = [i["year"] for i in dated]
    y0, y1 = int(min(years)), int(max(years)) + 1
    width, height, pad = 900, 140, 30
    colours = {"treaty action": "#1f5fa8", "instrument date": "#b5462b", "event": "#2e7d32"}
    rows = {"treaty action": 40, "instrument date": 70, "event": 100}

    def px(x: float) -> float:
        return round(pad + (x - y0) / max(y1 - y0, 1) * (width - 2 * pad), 1)

    step = max(1, (y1 - y0) // 12)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" aria-labelledby="timeline-title">')
    title = (f'<title id="timeline-title">Timeline of {len(dated)} dated treaty actions, instrument dates and '
             f"events, {y0} to {y1 - 1}</title>")
    parts = [svg, title,
             f'<line x1="{pad}" y1="{height - 20}" x2="{width - pad}" y2="{height - 20}" stroke="#555"/>']
    for year in range(y0, y1 + 1, step):
        parts.append(f'<text x="{px(year)}" y="{height - 6}" font-size="10" text-anchor="middle">{year}</text>')
    for kind, y in rows.items():
        parts.append(f'<text x="{pad}" y="{y - 8}" font-size="10" fill="{colours[kind]}">{kind}s</text>')
    for item in dated:
        parts.append(f'<circle cx="{px(item["year"])}" cy="{rows[item["kind"]]}" r="3.5" '
                     f'fill="{colours[item["kind"]]}" fill-opacity="0.7"><title>{escape(item["date"])}: '
                     f"{escape(item['text'])}</title></circle>")
    parts.append("</svg>")
    return "".join(parts)
